/**
 * The rehearsal clock (đồng hồ diễn tập): on a copy used for training or for accepting a release, an administrator
 * moves the product's date (by a number of days, or to a fixed date) so a notice period can be walked through in
 * minutes, and turns it off again. Every change is recorded and listed here. A production instance refuses it (the
 * form says so and is not offered). Auditors read the page.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RehearsalClockAdminView, RehearsalClockChangeView } from '#contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { useInstance } from '../../app/Instance';
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { ActorName, usePersonName } from '../../components/RecordContent';
import { Page } from '../../components/Page';
import { useFormat } from '../../lib/format';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';

interface ClockValues {
  mode: 'OFFSET' | 'FIXED_DATE' | 'OFF';
  offsetDays?: number;
  date?: string;
  reason?: string;
}

function ClockForm({ view, onDone }: { view: RehearsalClockAdminView; onDone(v: RehearsalClockAdminView): void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<ClockValues>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  const mode = Form.useWatch('mode', form);
  const current = view.instance.rehearsalClock;
  const submit = async (v: ClockValues) => {
    setBusy(true);
    setError(null);
    try {
      const body = { mode: v.mode, ...(v.mode === 'OFFSET' ? { offsetDays: v.offsetDays } : {}), ...(v.mode === 'FIXED_DATE' ? { date: v.date } : {}), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) };
      const result = await api.post('/api/rehearsal-clock', body);
      form.resetFields(['reason']);
      onDone(result);
    } catch (e) {
      setError(applyServerErrors(form, e, t, i18n.language, { known: ['mode', 'offsetDays', 'date', 'reason'] }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('rehearsal.formTitle')} size="small">
      <ErrorAlert error={error} />
      <Form<ClockValues>
        form={form}
        name="rehearsal-clock"
        layout="vertical"
        requiredMark="optional"
        initialValues={{ mode: current?.mode ?? 'OFFSET', offsetDays: current?.offsetDays ?? 30, date: current?.date ?? undefined }}
        onFinish={submit}
      >
        <Form.Item name="mode" label={t('rehearsal.mode')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'OFFSET', label: t('rehearsal.modes.OFFSET') },
              { value: 'FIXED_DATE', label: t('rehearsal.modes.FIXED_DATE') },
              { value: 'OFF', label: t('rehearsal.modes.OFF') },
            ]}
          />
        </Form.Item>
        {mode === 'OFFSET' && (
          <Form.Item name="offsetDays" label={t('rehearsal.offsetDays')} extra={t('rehearsal.offsetDaysHint')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={-3650} max={3650} step={1} precision={0} style={{ width: 180 }} addonAfter={t('rehearsal.days')} />
          </Form.Item>
        )}
        {mode === 'FIXED_DATE' && (
          <Form.Item name="date" label={t('rehearsal.date')} extra={t('rehearsal.dateHint')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input type="date" style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('rehearsal.reason')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('rehearsal.reasonPlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} danger={mode === 'OFF'} data-testid="rehearsal-clock-submit">
          {mode === 'OFF' ? t('rehearsal.turnOff') : t('rehearsal.apply')}
        </Button>
      </Form>
    </Card>
  );
}

export function RehearsalClockPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const personName = usePersonName();
  const { account } = useAuth();
  const { message } = AntApp.useApp();
  const { reload: reloadBanner } = useInstance();
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/rehearsal-clock', { signal }), []);
  const admin = account?.role === 'ADMIN';
  const clock = data?.instance.rehearsalClock ?? null;
  const production = data?.instance.kind === 'production';

  const describe = (c: Pick<RehearsalClockChangeView, 'mode' | 'offsetDays' | 'date'>) =>
    c.mode === 'OFFSET' ? t('rehearsal.offsetValue', { count: c.offsetDays ?? 0, days: Math.abs(c.offsetDays ?? 0), direction: (c.offsetDays ?? 0) > 0 ? t('rehearsal.forward') : t('rehearsal.back') }) : c.mode === 'FIXED_DATE' ? t('rehearsal.fixedValue', { date: format.date(c.date) }) : t('rehearsal.offValue');

  return (
    <Page title={t('rehearsal.title')} subtitle={t('rehearsal.subtitle')}>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {data && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title={t('rehearsal.stateTitle')}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
              <Descriptions.Item label={t('rehearsal.instanceKind')}>
                {production ? <Tag color="green">{t('rehearsal.kinds.production')}</Tag> : <Tag color="orange">{t('rehearsal.kinds.rehearsal')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('rehearsal.clock')}>{clock ? <Tag color="red" className="rehearsal-tag">{describe(clock)}</Tag> : <Tag>{t('rehearsal.offValue')}</Tag>}</Descriptions.Item>
              <Descriptions.Item label={t('rehearsal.productDate')}>
                <strong>{format.date(clock?.today ?? null) || t('rehearsal.sameAsReal')}</strong>
              </Descriptions.Item>
              <Descriptions.Item label={t('rehearsal.realDate')}>{format.date(clock?.realToday ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()))}</Descriptions.Item>
              {clock?.setBy && <Descriptions.Item label={t('rehearsal.setBy')}>{t('candidate.createdByValue', { by: personName(data.people, clock.setBy), at: format.dateTime(clock.since) })}</Descriptions.Item>}
            </Descriptions>
          </Card>
          {production ? (
            <Alert type="info" showIcon title={t('rehearsal.productionTitle')} description={t('rehearsal.productionText')} />
          ) : admin ? (
            <>
              <Alert type="warning" showIcon title={t('rehearsal.warning')} />
              <ClockForm
                view={data}
                onDone={(v) => {
                  void message.success(v.instance.rehearsalClock ? t('rehearsal.done', { date: format.date(v.instance.rehearsalClock.today) }) : t('rehearsal.cleared'));
                  reload();
                  reloadBanner();
                }}
              />
            </>
          ) : null}
          <Card size="small" title={t('rehearsal.historyTitle')}>
            <Table<RehearsalClockChangeView>
              rowKey="version"
              size="small"
              pagination={false}
              loading={loading}
              scroll={{ x: 640 }}
              dataSource={data.changes}
              locale={{ emptyText: t('rehearsal.noChanges') }}
              columns={[
                { title: '#', dataIndex: 'version', width: 48 },
                { title: t('rehearsal.when'), dataIndex: 'setAt', render: (v: string) => format.dateTime(v), width: 150 },
                { title: t('rehearsal.clock'), key: 'setting', render: (_: unknown, c) => describe(c) },
                { title: t('rehearsal.by'), key: 'by', render: (_: unknown, c) => (c.source === 'CONFIGURATION' ? t('rehearsal.byConfiguration') : <ActorName actor={c.setBy} people={data.people} />) },
                { title: t('rehearsal.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
              ]}
            />
          </Card>
        </Space>
      )}
    </Page>
  );
}
