import { Alert, Card, Collapse, Descriptions, Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditNames, CheckInView, NurturingPlanView, NurturingView } from '#contracts';
import { ActorName } from '../../components/RecordContent';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';

function PlanView({ plan, names }: { plan: NurturingPlanView; names: AuditNames | undefined }) {
  const { t } = useTranslation();
  const { label, words } = useLabels();
  const format = useFormat();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'goals', label: t('eventFields.goals'), children: <span className="pre-wrap">{plan.goals}</span> },
        { key: 'supporter', label: t('eventFields.supporter'), children: plan.supporter },
        {
          key: 'written',
          label: t('nurturing.written'),
          children: t('nurturing.writtenBy', { revision: plan.revision, event: label('event', plan.writtenByEvent), by: words(names?.people[plan.writtenBy]?.name) || plan.writtenBy, at: format.dateTime(plan.writtenAt) }),
        },
      ]}
    />
  );
}

/** The candidate's nurturing: who wrote and recorded each part is named from the view's own `people`. */
export function NurturingSection({ nurturing }: { nurturing: NurturingView | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!nurturing) return null;
  const names: AuditNames = { refs: {}, people: nurturing.people };
  const { currentPlan, planHistory, checkIns } = nurturing;
  return (
    <Card title={<h2 className="card-heading">{t('nurturing.title')}</h2>} data-testid="nurturing">
      {nurturing.overdue && (
        <Alert type="error" showIcon role="status" style={{ marginBottom: 16 }} title={t('nurturing.overdue', { due: format.date(nurturing.nextCheckInDue), days: nurturing.checkInIntervalDays })} />
      )}
      {!nurturing.overdue && nurturing.nextCheckInDue && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('nurturing.nextDue', { due: format.date(nurturing.nextCheckInDue), days: nurturing.checkInIntervalDays })} />
      )}
      <Typography.Title level={3} className="section-heading">
        {t('nurturing.currentPlan')}
      </Typography.Title>
      {currentPlan ? <PlanView plan={currentPlan} names={names} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nurturing.noPlan')} />}
      {planHistory.length > 0 && (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'history',
              label: t('nurturing.planHistory', { count: planHistory.length }),
              children: planHistory.map((plan) => (
                <div key={plan.id} style={{ marginBottom: 12 }}>
                  <PlanView plan={plan} names={names} />
                </div>
              )),
            },
          ]}
        />
      )}
      <Typography.Title level={3} className="section-heading" style={{ marginTop: 24 }}>
        {t('nurturing.checkIns', { count: checkIns.length })}
      </Typography.Title>
      <Table<CheckInView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={checkIns}
        locale={{ emptyText: t('nurturing.noCheckIns') }}
        scroll={{ x: 700 }}
        columns={[
          { title: t('eventFields.date'), dataIndex: 'date', render: (v: string) => format.date(v), width: 110 },
          { title: t('eventFields.strengths'), dataIndex: 'strengths', render: (v: string) => <span className="pre-wrap">{v}</span> },
          { title: t('eventFields.shortcomings'), dataIndex: 'shortcomings', render: (v: string) => <span className="pre-wrap">{v}</span> },
          { title: t('nurturing.recordedBy'), dataIndex: 'recordedBy', width: 140, render: (v: string, c) => <><ActorName actor={v} names={names} /><br /><Typography.Text type="secondary">{format.dateTime(c.recordedAt)}</Typography.Text></> },
        ]}
      />
    </Card>
  );
}
