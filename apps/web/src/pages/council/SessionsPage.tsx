/**
 * Hội đồng: the review sessions, newest first, and (for the secretariat) opening a new one with its rules.
 * Members are every active council member (the secretariat cannot list accounts); the session pins them at
 * opening and its page shows who they are.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Collapse, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Switch, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { BallotKind, SessionSummary } from '#contracts';
import { REVIEW_SESSION_STATUS_CODES, type ReviewSessionStatus } from '#workflow';
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
  checklistsDueOn?: Dayjs | null;
  votingClosesOn?: Dayjs | null;
  ballot: BallotKind;
  ruleSetCode?: string;
  considersAwards: boolean;
  noticeWorkingDays: number;
}

/** The defaults (apps/api/src/reviews/use-cases/open-session.ts), shown in the form so nobody guesses. */
const DEFAULT_RULES = { considersAwards: true, noticeWorkingDays: 10 };
const FIELDS = ['title', 'year', 'chairName', 'venue', 'checklistsDueOn', 'votingClosesOn', 'ballot', 'ruleSetCode', 'considersAwards', 'noticeWorkingDays', 'memberIds'];

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
  const { words } = useLabels();
  const ruleSets = useAsync((signal) => api.get('/api/council-rule-sets', { signal }), []);
  const newest = [...new Map((ruleSets.data ?? []).slice().sort((a, b) => a.version - b.version).map((r) => [r.code, r])).values()];
  const inForce = (ruleSets.data ?? []).find((r) => r.inForce);
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
            const body = {
              ...values,
              venue: values.venue?.trim() || undefined,
              chairName: values.chairName?.trim() || undefined,
              ruleSetCode: values.ruleSetCode || undefined,
              checklistsDueOn: values.checklistsDueOn ? values.checklistsDueOn.format('YYYY-MM-DD') : undefined,
              votingClosesOn: values.votingClosesOn ? values.votingClosesOn.format('YYYY-MM-DD') : undefined,
            };
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
        <Typography.Paragraph type="secondary">{t('council.open.deadlinesHint')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="checklistsDueOn" label={t('council.fields.checklistsDueOn')}>
              <DatePicker format="DD/MM/YYYY" placeholder={t('form.datePlaceholder')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="votingClosesOn"
              label={t('council.fields.votingClosesOn')}
              dependencies={['checklistsDueOn']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | null | undefined) => {
                    const due = getFieldValue('checklistsDueOn') as Dayjs | null | undefined;
                    return value && due && value.isBefore(due, 'day') ? Promise.reject(new Error(t('council.open.votingBeforeChecklists'))) : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker format="DD/MM/YYYY" placeholder={t('form.datePlaceholder')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
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
          <Form.Item name="ruleSetCode" label={t('council.open.ruleSet')} extra={t('council.open.ruleSetHint')}>
            <Select
              allowClear
              placeholder={inForce ? t('council.open.ruleSetDefault', { name: words(inForce.name), version: inForce.version }) : undefined}
              options={newest.map((r) => ({ value: r.code, label: t('council.open.ruleSetOption', { name: words(r.name), code: r.code, version: r.version }) }))}
            />
          </Form.Item>
          <Space wrap size={[16, 0]} align="start">
            <Form.Item name="considersAwards" label={t('council.open.considersAwards')} extra={t('council.open.considersAwardsHint')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="noticeWorkingDays" label={t('council.fields.noticeWorkingDays')} extra={t('council.open.noticeHint')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={1} max={60} style={{ width: 120 }} />
            </Form.Item>
          </Space>
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
