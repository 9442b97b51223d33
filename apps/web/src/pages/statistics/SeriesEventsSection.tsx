/**
 * The events of the province's statistics series (a merger of provinces, with its date and document): listed
 * for every reader of the statistics, recorded by the council's secretariat. The table and the chart mark each
 * event on its year; the histories it names are the imports whose jurisdiction is a predecessor.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Form, Input, List, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SeriesEvent } from '#contracts';
import { api } from '../../api/client';
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { usePersonName } from '../../components/RecordContent';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';

interface EventForm {
  effectiveDate: Dayjs;
  predecessors: string[];
  successor: string;
  documentNumber: string;
  documentDate: Dayjs;
  documentAuthority: string;
  note?: string;
}

function RecordEvent({ onDone }: { onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EventForm>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  const required = { required: true, message: t('validation.required') };
  return (
    <Form
      form={form}
      layout="vertical"
      name="series-event"
      disabled={busy}
      onFinish={async (v) => {
        setBusy(true);
        setError(null);
        try {
          await api.post('/api/statistics/series-events', {
            kind: 'MERGER',
            effectiveDate: v.effectiveDate.format('YYYY-MM-DD'),
            predecessors: v.predecessors.map((p) => p.trim()).filter(Boolean),
            successor: v.successor.trim(),
            documentNumber: v.documentNumber.trim(),
            documentDate: v.documentDate.format('YYYY-MM-DD'),
            documentAuthority: v.documentAuthority.trim(),
            ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          });
          void message.success(t('series.recorded'));
          form.resetFields();
          onDone();
        } catch (e) {
          setError(applyServerErrors(form, e, t, i18n.language, { known: ['effectiveDate', 'predecessors', 'successor', 'documentNumber', 'documentDate', 'documentAuthority', 'note'] }));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Typography.Paragraph>{t('series.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form.Item name="predecessors" label={t('series.predecessors')} extra={t('series.predecessorsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}>
        <Select mode="tags" tokenSeparators={[';']} open={false} suffixIcon={null} placeholder="Tỉnh Bắc Giang; Tỉnh Bắc Ninh (trước 01/7/2025)" />
      </Form.Item>
      <Form.Item name="successor" label={t('series.successor')} rules={[required, { max: 200, message: t('validation.max', { count: 200 }) }]}>
        <Input maxLength={200} placeholder="Tỉnh Bắc Ninh" style={{ maxWidth: 420 }} />
      </Form.Item>
      <Space wrap size={[16, 0]} align="start">
        <Form.Item name="effectiveDate" label={t('series.effectiveDate')} rules={[required]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="documentNumber" label={t('series.documentNumber')} rules={[required, { max: 100, message: t('validation.max', { count: 100 }) }]}>
          <Input maxLength={100} placeholder="202/2025/QH15" />
        </Form.Item>
        <Form.Item name="documentDate" label={t('series.documentDate')} rules={[required]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="documentAuthority" label={t('series.documentAuthority')} rules={[required, { max: 200, message: t('validation.max', { count: 200 }) }]}>
          <Input maxLength={200} placeholder="Quốc hội" />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t('series.note')} rules={[{ max: 1000, message: t('validation.max', { count: 1000 }) }]}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('series.record')}
      </Button>
    </Form>
  );
}

export function SeriesEventsSection({ mayRecord, onRecorded }: { mayRecord: boolean; onRecorded(): void }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  const personName = usePersonName();
  const events = useAsync((signal) => api.get('/api/statistics/series-events', { signal }), []);
  return (
    <Card title={<h2 className="card-heading">{t('series.title')}</h2>} data-testid="series-events">
      {events.error ? <LoadError error={events.error} onRetry={events.reload} /> : null}
      <List<SeriesEvent>
        loading={events.loading}
        dataSource={events.data?.items ?? []}
        locale={{ emptyText: t('series.none') }}
        renderItem={(e) => (
          <List.Item key={e.id}>
            <List.Item.Meta
              title={words(e.label)}
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>{words(e.message)}</Typography.Paragraph>
                  <Typography.Text type="secondary">{t('candidate.createdByValue', { by: personName(events.data?.people, e.recordedBy), at: format.dateTime(e.recordedAt) })}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {mayRecord && (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={3} className="section-heading">
            {t('series.recordTitle')}
          </Typography.Title>
          <RecordEvent
            onDone={() => {
              events.reload();
              onRecorded();
            }}
          />
        </div>
      )}
    </Card>
  );
}
