/**
 * The auditors' dashboard, their home: the checkpoint history checked now (its timeliness and the witness's
 * agreement), the latest signed checkpoint and the witness's copy, and the recent refusals of access. Reads only;
 * the full verification and the trail are on the audit screen it links to.
 */
import { Alert, Col, Descriptions, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditDashboard, DashboardRefusal } from '#contracts';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { DashboardPage, Panel } from './DashboardLayout';

function Status({ data }: { data: AuditDashboard }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  const uncovered = data.records.total - data.records.covered;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {data.history.ok ? (
        // Without a witness only the timeliness was checked: say so rather than claim an agreement.
        <Alert
          type={data.witness.configured ? 'success' : 'warning'}
          showIcon
          title={t(data.witness.configured ? 'auditDashboard.status.ok' : 'auditDashboard.status.okNoWitness')}
          description={t(data.witness.configured ? 'auditDashboard.status.okHint' : 'auditDashboard.status.okNoWitnessHint')}
          data-testid="audit-dashboard-status"
          data-ok="true"
        />
      ) : (
        <Alert
          type="error"
          showIcon
          data-testid="audit-dashboard-status"
          data-ok="false"
          title={t('auditDashboard.status.problems', { count: data.history.problems.length })}
          description={
            <ul className="plain-list">
              {data.history.problems.map((p, i) => (
                <li key={`${p.code}-${i}`}>{words(p.words)}</li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('auditDashboard.status.records', { total: format.number(data.records.total), covered: format.number(data.records.covered) })}{' '}
        {uncovered > 0 ? t('auditDashboard.status.uncovered', { count: uncovered, n: format.number(uncovered) }) : t('auditDashboard.status.allCovered')}
      </Typography.Paragraph>
      <Link to={ROUTES.audit}>{t('auditDashboard.status.fullVerification')}</Link>
    </Space>
  );
}

function Checkpoint({ data }: { data: AuditDashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const c = data.latestCheckpoint;
  const w = data.witness;
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid="audit-dashboard-checkpoint"
      items={[
        {
          key: 'checkpoint',
          label: t('auditDashboard.checkpoint.latest'),
          children: c ? (
            <Space size={[8, 2]} wrap>
              <span>{t('auditDashboard.checkpoint.value', { at: format.dateTime(c.createdAt), size: format.number(c.treeSize) })}</span>
              <Tag color={c.signatureValid ? 'green' : 'red'}>{c.signatureValid ? t('auditDashboard.checkpoint.signatureValid') : t('auditDashboard.checkpoint.signatureInvalid')}</Tag>
            </Space>
          ) : (
            t('auditDashboard.checkpoint.none')
          ),
        },
        {
          key: 'witness',
          label: t('auditDashboard.witness.title'),
          children: !w.configured
            ? t('auditDashboard.witness.notConfigured')
            : w.latestTreeSize === null
              ? t('auditDashboard.witness.empty')
              : t('auditDashboard.witness.value', { entries: format.number(w.entries), size: format.number(w.latestTreeSize), at: format.dateTime(w.latestWitnessedAt) }),
        },
        ...(c && w.configured && w.latestTreeSize !== null
          ? [
              {
                key: 'agree',
                label: t('auditDashboard.witness.agree'),
                children: w.latestTreeSize === c.treeSize ? t('auditDashboard.witness.same') : t('auditDashboard.witness.behind', { size: format.number(w.latestTreeSize) }),
              },
            ]
          : []),
      ]}
    />
  );
}

function Refusals({ data }: { data: AuditDashboard['refusals'] }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  return (
    <>
      <Statistic title={t('auditDashboard.refusals.last7Days')} value={data.last7Days} formatter={(v) => format.number(Number(v))} />
      <List<DashboardRefusal>
        size="small"
        dataSource={data.recent}
        data-testid="audit-dashboard-refusals"
        locale={{ emptyText: <Typography.Text type="secondary">{t('auditDashboard.refusals.none')}</Typography.Text> }}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space size={[8, 2]} wrap>
                  <span>{r.account ? r.account.displayName : t('auditDashboard.refusals.unknownAccount')}</span>
                  {r.account?.roleLabel && <Typography.Text type="secondary">{words(r.account.roleLabel)}</Typography.Text>}
                </Space>
              }
              description={
                <Space size={[8, 2]} wrap>
                  <span>{format.dateTime(r.at)}</span>
                  <span>· {words(r.reasonWords)}</span>
                  {r.count > 1 && <Tag>{t('auditDashboard.refusals.times', { count: r.count })}</Tag>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}

export function AuditDashboardPage() {
  const { t } = useTranslation();
  const state = useAsync((signal) => api.get('/api/dashboards/audit', { signal }), []);
  return (
    <DashboardPage title={t('auditDashboard.title')} subtitle={t('auditDashboard.subtitle')} state={state}>
      {(data) => (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Panel title={t('auditDashboard.status.title')} fill>
              <Status data={data} />
            </Panel>
          </Col>
          <Col xs={24} xl={12}>
            <Panel title={t('auditDashboard.checkpoint.title')} fill>
              <Checkpoint data={data} />
            </Panel>
          </Col>
          <Col xs={24}>
            <Panel title={t('auditDashboard.refusals.title')}>
              <Refusals data={data.refusals} />
            </Panel>
          </Col>
        </Row>
      )}
    </DashboardPage>
  );
}
