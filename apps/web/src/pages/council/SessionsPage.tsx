/**
 * Hội đồng: the review sessions, newest first, and (for the secretariat) opening a new one with its rules.
 * Members are every active council member (the secretariat cannot list accounts); the session pins them at
 * opening and its page shows who they are.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Collapse, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { BallotKind, SessionSummary } from '#contracts';
import { CLEARANCE_RULES, CLEARANCE_RULE_LABELS, REGULATION_2025_PRESET, REVIEW_SESSION_STATUS_CODES, clearanceRuleOf, type ClearanceRule, type ReviewSessionStatus } from '#workflow';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useFormat } from '../../lib/format';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';
import { useLabels } from '../../domain/labels';
import { useAsync } from '../../lib/useAsync';
import { useParamUpdater } from '../../lib/useParamUpdater';
import { BallotTag, SessionStatusTag } from './common';

interface OpenSessionForm {
  title: string;
  year: number;
  chairName?: string;
  venue?: string;
  ballot: BallotKind;
  quorumNumerator: number;
  quorumDenominator: number;
  recognitionPercent: number;
  rejectionPercent: number;
  noticeWorkingDays: number;
  clearanceRule: ClearanceRule;
}

/** The rules' defaults (apps/api/src/reviews/use-cases/open-session.ts), shown in the form so nobody guesses. */
const DEFAULT_RULES = { quorumNumerator: 2, quorumDenominator: 3, recognitionPercent: 70, rejectionPercent: 50, noticeWorkingDays: 10, clearanceRule: clearanceRuleOf(REGULATION_2025_PRESET.ruleSet) };
const FIELDS = ['title', 'year', 'chairName', 'venue', 'ballot', 'quorumNumerator', 'quorumDenominator', 'recognitionPercent', 'rejectionPercent', 'noticeWorkingDays', 'clearanceRule', 'memberIds'];

function OpenSessionDialog({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(id: string): void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<OpenSessionForm>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);
  const year = new Date().getFullYear();
  return (
    <Modal
      open={open}
      title={t('council.open.title')}
      onCancel={busy ? undefined : onClose}
      destroyOnHidden
      maskClosable={false}
      width={720}
      okText={t('council.open.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
    >
      <ErrorAlert error={error} />
      <Form<OpenSessionForm>
        form={form}
        layout="vertical"
        name="open-session"
        disabled={busy}
        initialValues={{ year, ballot: 'SECRET', title: t('council.open.defaultTitle', { year }), ...DEFAULT_RULES }}
        onFinish={async (values) => {
          setBusy(true);
          setError(null);
          try {
            const body = { ...values, venue: values.venue?.trim() || undefined, chairName: values.chairName?.trim() || undefined };
            const created = await api.post('/api/review-sessions', body);
            onDone(created.id);
          } catch (e) {
            setError(applyServerErrors(form, e, t, i18n.language, { known: FIELDS }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="title" label={t('council.fields.title')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 300, message: t('validation.max', { count: 300 }) }]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="year" label={t('council.fields.year')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="chairName" label={t('council.fields.chairName')} extra={t('council.open.chairHint')} rules={[{ max: 200, message: t('validation.max', { count: 200 }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="venue" label={t('council.fields.venue')} rules={[{ max: 300, message: t('validation.max', { count: 300 }) }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="ballot" label={t('council.fields.ballot')} extra={t('council.open.ballotHint')} rules={[{ required: true, message: t('validation.required') }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'SECRET', label: t('council.ballot.SECRET') },
              { value: 'OPEN', label: t('council.ballot.OPEN') },
            ]}
          />
        </Form.Item>
        <fieldset className="form-fieldset">
          <legend>{t('council.open.rules')}</legend>
          <Typography.Paragraph type="secondary">{t('council.open.rulesHint')}</Typography.Paragraph>
          <Space wrap size={[16, 0]} align="start">
            <Form.Item label={t('council.fields.quorum')} required extra={t('council.open.quorumHint')}>
              <Space.Compact>
                <Form.Item name="quorumNumerator" noStyle rules={[{ required: true, message: t('validation.required') }]}>
                  <InputNumber min={1} max={100} aria-label={t('council.fields.quorumNumerator')} style={{ width: 80 }} />
                </Form.Item>
                <Space.Addon>/</Space.Addon>
                <Form.Item name="quorumDenominator" noStyle rules={[{ required: true, message: t('validation.required') }]}>
                  <InputNumber min={1} max={100} aria-label={t('council.fields.quorumDenominator')} style={{ width: 80 }} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
            <Form.Item name="recognitionPercent" label={t('council.fields.recognitionPercent')} extra={t('council.open.recognitionHint')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={1} max={100} suffix="%" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="rejectionPercent" label={t('council.fields.rejectionPercent')} extra={t('council.open.rejectionHint')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={0} max={100} suffix="%" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="noticeWorkingDays" label={t('council.fields.noticeWorkingDays')} extra={t('council.open.noticeHint')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={1} max={60} style={{ width: 120 }} />
            </Form.Item>
          </Space>
          <Form.Item name="clearanceRule" label={t('council.fields.clearanceRule')} extra={t('council.open.clearanceHint')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={CLEARANCE_RULES.map((rule) => ({ value: rule, label: i18n.language === 'en' ? CLEARANCE_RULE_LABELS[rule].en : CLEARANCE_RULE_LABELS[rule].vi }))} />
          </Form.Item>
        </fieldset>
        <Alert type="info" showIcon title={t('council.open.members')} description={t('council.open.membersHint')} />
      </Form>
    </Modal>
  );
}

export function SessionsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { options } = useLabels();
  const { account } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const asked = params.get('giai-doan');
  const status = REVIEW_SESSION_STATUS_CODES.find((s) => s === asked);
  const year = params.get('nam') ? Number(params.get('nam')) : undefined;
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/review-sessions', { query: { status, year }, signal }), [status, year]);
  const [opening, setOpening] = useState(false);
  const secretary = account?.role === 'COUNCIL_SECRETARY';
  const thisYear = new Date().getFullYear();
  const updateParams = useParamUpdater();
  const update = (key: string, value: string | number | undefined) =>
    updateParams((next) => {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    });

  return (
    <Page
      title={t('council.title')}
      subtitle={t('council.subtitle')}
      extra={
        secretary && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
            {t('council.open.title')}
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" role="search" aria-label={t('council.filters')} className="filters">
          <Space wrap size={[16, 0]} align="end">
            <Form.Item label={t('council.fields.status')} htmlFor="session-status">
              <Select
                id="session-status"
                allowClear
                placeholder={t('common.all')}
                value={status}
                style={{ width: 280 }}
                onChange={(v) => update('giai-doan', v)}
                options={options('sessionStatus')}
              />
            </Form.Item>
            <Form.Item label={t('council.fields.year')} htmlFor="session-year">
              <Select
                id="session-year"
                allowClear
                placeholder={t('common.all')}
                value={year}
                style={{ width: 120 }}
                onChange={(v) => update('nam', v)}
                options={Array.from({ length: 12 }, (_, i) => thisYear + 1 - i).map((y) => ({ value: y, label: String(y) }))}
              />
            </Form.Item>
          </Space>
        </Form>
      </Card>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      <Table<SessionSummary>
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('council.empty') }}
        columns={[
          { title: t('council.fields.title'), dataIndex: 'title', render: (title: string, s) => <Link to={ROUTES.session(s.id)}>{title}</Link> },
          { title: t('council.fields.year'), dataIndex: 'year', width: 80 },
          { title: t('council.fields.status'), dataIndex: 'status', width: 230, render: (v: ReviewSessionStatus) => <SessionStatusTag status={v} /> },
          { title: t('council.fields.ballot'), dataIndex: 'ballot', width: 170, render: (v: BallotKind) => <BallotTag ballot={v} /> },
          { title: t('council.fields.candidates'), dataIndex: 'candidates', width: 110, align: 'right', render: (v: number) => format.number(v) },
          { title: t('council.fields.openedAt'), dataIndex: 'openedAt', width: 120, render: (v: string) => format.date(v) },
          { title: t('council.fields.closedAt'), dataIndex: 'closedAt', width: 120, render: (v: string | null) => format.date(v) || '—' },
        ]}
      />
      <Collapse
        ghost
        style={{ marginTop: 8 }}
        items={[{ key: 'how', label: t('council.howItWorks.title'), children: <ol className="plain-list">{(t('council.howItWorks.steps', { returnObjects: true }) as string[]).map((s) => <li key={s}>{s}</li>)}</ol> }]}
      />
      <OpenSessionDialog
        open={opening}
        onClose={() => setOpening(false)}
        onDone={(id) => {
          setOpening(false);
          navigate(ROUTES.session(id), { state: { opened: true } });
        }}
      />
    </Page>
  );
}
