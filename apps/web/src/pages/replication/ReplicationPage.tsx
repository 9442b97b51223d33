/**
 * Nhân rộng: the units' yearly plans for building and replicating exemplars (with the units that have none, and
 * each unit's plan written or revised by its head: every revision kept), and the models that spread furthest.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { SpreadRanking, UnitPlansOverview } from '#contracts';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

type PlannedRow = UnitPlansOverview['units'][number];
type SpreadRow = SpreadRanking['items'][number];

interface PlanValues {
  buildingPlan: string;
  replicationPlan: string;
  documentNumber?: string;
  issuedOn?: Dayjs;
  inspectedOn?: Dayjs;
  inspectionResult?: string;
}

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: THIS_YEAR + 2 - 2014 }, (_, i) => THIS_YEAR + 1 - i);

export function ReplicationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('muc') === 'lan-toa' ? 'spread' : 'plans';
  return (
    <Page title={t('replicationPage.title')} subtitle={t('replicationPage.subtitle')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'spread' ? { muc: 'lan-toa' } : {})}
        items={[
          { key: 'plans', label: t('replicationPage.plansTab'), children: <UnitPlans /> },
          { key: 'spread', label: t('replicationPage.spreadTab'), children: <Spread /> },
        ]}
      />
    </Page>
  );
}

function UnitPlans() {
  const { t } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  const { account } = useAuth();
  const [year, setYear] = useState(THIS_YEAR);
  const [writing, setWriting] = useState(false);
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/unit-plans', { query: { year }, signal }), [year]);
  const ownUnitId = account?.role === 'UNIT_HEAD' ? account.unitId : null;
  const own = useAsync(
    (signal) => (ownUnitId ? api.get('/api/units/{unitId}/plans/{year}', { path: { unitId: ownUnitId, year: String(year) }, signal }).catch(() => null) : Promise.resolve(null)),
    [ownUnitId, year],
  );

  return (
    <>
      <Row gutter={[16, 16]} align="bottom" style={{ marginBottom: 16 }}>
        <Col>
          <Form layout="vertical">
            <Form.Item label={t('candidate.year')} htmlFor="plans-year" style={{ marginBottom: 0 }}>
              <Select id="plans-year" value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: String(y) }))} style={{ width: 110 }} />
            </Form.Item>
          </Form>
        </Col>
        {data && (
          <>
            <Col>
              <Statistic title={t('replicationPage.withPlan')} value={`${data.counts.withPlan}/${data.counts.units}`} />
            </Col>
            <Col>
              <Statistic title={t('replicationPage.percentWithPlan')} value={data.counts.percentWithPlan === null ? '—' : `${format.number(Math.round(data.counts.percentWithPlan * 10) / 10)} %`} />
            </Col>
            <Col>
              <Statistic title={t('replicationPage.inspected')} value={data.counts.inspected} />
            </Col>
          </>
        )}
        {ownUnitId && (
          <Col flex="auto" style={{ textAlign: 'right' }}>
            <Button type="primary" onClick={() => setWriting(true)}>
              {own.data ? t('replicationPage.revisePlan') : t('replicationPage.writePlan')}
            </Button>
          </Col>
        )}
      </Row>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {data && data.withoutPlan.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="units-without-plan"
          title={t('replicationPage.withoutPlan', { count: data.withoutPlan.length, year })}
          description={data.withoutPlan.map((u) => u.name).join('; ')}
        />
      )}
      <Table<PlannedRow>
        rowKey={(r) => r.unit.id}
        loading={loading}
        dataSource={data?.units ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('candidate.unit'), key: 'unit', render: (_, r) => r.unit.name },
          { title: t('replicationPage.level'), key: 'level', render: (_, r) => words(r.unit.levelLabel) },
          {
            title: t('replicationPage.plan'),
            key: 'plan',
            render: (_, r) =>
              r.plan ? (
                <span>
                  <Tag color="green">{t('replicationPage.revision', { n: r.plan.revision })}</Tag>
                  {r.plan.documentNumber ?? ''} · {format.date(r.plan.writtenAt)}
                </span>
              ) : (
                <Tag color="orange">{t('replicationPage.noPlan')}</Tag>
              ),
          },
          { title: t('replicationPage.inspection'), key: 'inspected', render: (_, r) => (r.plan?.inspected ? <Tag color="blue">{t('replicationPage.inspectedYes')}</Tag> : '—') },
        ]}
      />
      {ownUnitId && (
        <FormDialog<PlanValues>
          open={writing}
          title={t('replicationPage.planTitle', { year })}
          name="unit-plan"
          okText={t('common.save')}
          width={760}
          intro={own.data ? t('replicationPage.revisionIntro', { n: own.data.current.revision }) : undefined}
          initialValues={
            own.data
              ? {
                  buildingPlan: own.data.current.buildingPlan,
                  replicationPlan: own.data.current.replicationPlan,
                  documentNumber: own.data.current.documentNumber ?? undefined,
                  issuedOn: own.data.current.issuedOn ? dayjs(own.data.current.issuedOn) : undefined,
                  inspectedOn: own.data.current.inspection ? dayjs(own.data.current.inspection.inspectedOn) : undefined,
                  inspectionResult: own.data.current.inspection?.result,
                }
              : {}
          }
          known={['buildingPlan', 'replicationPlan', 'documentNumber', 'issuedOn', 'inspectedOn', 'inspectionResult', 'expectedRevision']}
          submit={(v) =>
            api.post(
              '/api/units/{unitId}/plans/{year}',
              {
                expectedRevision: own.data?.current.revision ?? 0,
                buildingPlan: v.buildingPlan,
                replicationPlan: v.replicationPlan,
                ...(v.documentNumber ? { documentNumber: v.documentNumber } : {}),
                ...(v.issuedOn ? { issuedOn: v.issuedOn.format('YYYY-MM-DD') } : {}),
                ...(v.inspectedOn ? { inspectedOn: v.inspectedOn.format('YYYY-MM-DD') } : {}),
                ...(v.inspectionResult ? { inspectionResult: v.inspectionResult } : {}),
              },
              { path: { unitId: ownUnitId, year: String(year) } },
            )
          }
          onClose={() => setWriting(false)}
          onDone={() => {
            setWriting(false);
            reload();
            own.reload();
          }}
        >
          <Form.Item label={t('replicationPage.buildingPlan')} name="buildingPlan" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={4} maxLength={20000} />
          </Form.Item>
          <Form.Item label={t('replicationPage.replicationPlan')} name="replicationPlan" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={4} maxLength={20000} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('replicationPage.documentNumber')} name="documentNumber">
                <Input maxLength={200} placeholder="Kế hoạch số 08/KH-UBND" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('replicationPage.issuedOn')} name="issuedOn">
                <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('replicationPage.inspectedOn')} name="inspectedOn">
                <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('replicationPage.inspectionResult')} name="inspectionResult">
            <Input.TextArea rows={3} maxLength={20000} />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}

function Spread() {
  const { t } = useTranslation();
  const { words, options } = useLabels();
  const [year, setYear] = useState<number | undefined>();
  const [field, setField] = useState<string | undefined>();
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/replication/spread', { query: { year, field, limit: 20 }, signal }), [year, field]);
  const chart = (data?.items ?? []).slice(0, 10).map((r) => ({ name: r.name.length > 28 ? `${r.name.slice(0, 27)}…` : r.name, reached: r.unitsReached, adopted: r.unitsAdopted }));
  return (
    <>
      <Form layout="vertical" className="filters">
        <Row gutter={16}>
          <Col>
            <Form.Item label={t('candidate.year')} htmlFor="spread-year">
              <Select id="spread-year" allowClear placeholder={t('common.all')} value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: String(y) }))} style={{ width: 110 }} />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item label={t('candidate.field')} htmlFor="spread-field">
              <Select id="spread-field" allowClear placeholder={t('common.all')} value={field} onChange={setField} options={options('field')} style={{ width: 220 }} popupMatchSelectWidth={false} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {data && data.items.length === 0 ? (
        <Empty description={t('replicationPage.noSpread')} />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }} title={t('replicationPage.chartTitle')}>
            <div style={{ width: '100%', height: 320 }} role="img" aria-label={t('replicationPage.chartTitle')}>
              <ResponsiveContainer>
                <BarChart data={chart} layout="vertical" margin={{ left: 8, right: 16 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis type="number" allowDecimals={false} />
                  <YAxis type="category" dataKey="name" width={180} tick={{ fontSize: 12 }} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="reached" name={t('replicationPage.unitsReached')} fill="#1677ff" />
                  <Bar dataKey="adopted" name={t('replicationPage.unitsAdopted')} fill="#52c41a" />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </Card>
          <Table<SpreadRow>
            rowKey="candidateId"
            loading={loading}
            dataSource={data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '#', dataIndex: 'rank', width: 48 },
              { title: t('candidate.name'), key: 'name', render: (_, r) => <Link to={ROUTES.candidate(r.candidateId)}>{r.name}</Link> },
              { title: t('candidate.unit'), key: 'unit', render: (_, r) => r.unit.name },
              { title: t('candidate.field'), key: 'field', render: (_, r) => words(r.fieldLabel) },
              { title: t('candidate.year'), dataIndex: 'year' },
              { title: t('replicationPage.unitsReached'), dataIndex: 'unitsReached', align: 'right' },
              { title: t('replicationPage.unitsAdopted'), dataIndex: 'unitsAdopted', align: 'right' },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('replicationPage.spreadNote')}
          </Typography.Paragraph>
        </>
      )}
    </>
  );
}
