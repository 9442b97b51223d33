/**
 * The mail outbox, for administrators: what was sent, what waits, what is kept (no mail server configured: the
 * demo reads its mail here) and what could not be delivered, with the server's answer; a failed message can be
 * queued again.
 */
import { Alert, App as AntApp, Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIL_STATUSES, type MailStatus } from '#domain';
import { api, type ResponseOf } from '../../api/client';
import { LoadError } from '../../components/ErrorAlert';
import { describeError } from '../../lib/serverErrors';
import { Page } from '../../components/Page';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

type Mail = ResponseOf<'GET /api/notifications/mail'>['items'][number];
const COLOURS: Record<MailStatus, string> = { PENDING: 'blue', SENT: 'green', KEPT: 'gold', FAILED: 'red' };

export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const format = useFormat();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<MailStatus | 'ALL'>('ALL');
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/notifications/mail', { query: { status: status === 'ALL' ? undefined : status }, signal }), [status]);

  const retry = async (mail: Mail) => {
    try {
      await api.post('/api/notifications/mail/{id}/retry', {}, { path: { id: mail.id } });
      void message.success(t('outbox.requeued'));
      reload();
    } catch (e) {
      void message.error(describeError(e, t, i18n.language).message);
    }
  };

  return (
    <Page title={t('outbox.title')}>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {data && !data.smtpConfigured && <Alert style={{ marginBottom: 16 }} type="info" showIcon title={t('outbox.noSmtp')} />}
      <Segmented
        style={{ marginBottom: 16, maxWidth: '100%', overflowX: 'auto' }}
        aria-label={t('outbox.filter')}
        value={status}
        onChange={(v) => setStatus(v as MailStatus | 'ALL')}
        options={[
          { value: 'ALL', label: t('outbox.all') },
          ...MAIL_STATUSES.map((s) => ({ value: s.code, label: `${en ? s.en.split(' (')[0] : s.vi.split(' (')[0]} (${data?.counts[s.code] ?? 0})` })),
        ]}
      />
      <Table<Mail>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1150 }}
        expandable={{ expandedRowRender: (m) => <pre className="pre-wrap" style={{ margin: 0, fontFamily: 'inherit' }}>{m.text}</pre> }}
        columns={[
          { title: t('outbox.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => format.dateTime(v) },
          { title: t('outbox.to'), dataIndex: 'to', width: 220, ellipsis: true },
          { title: t('outbox.subject'), dataIndex: 'subject', width: 340 },
          {
            title: t('outbox.status'),
            dataIndex: 'status',
            width: 220,
            render: (s: MailStatus, m) => (
              <Space direction="vertical" size={0}>
                <Tag color={COLOURS[s]} title={en ? m.statusLabel.en : m.statusLabel.vi}>
                  {(en ? m.statusLabel.en : m.statusLabel.vi).split(' (')[0]}
                </Tag>
                {m.lastError && <Typography.Text type="danger" style={{ fontSize: 12 }}>{m.lastError}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('outbox.attempts'), dataIndex: 'attempts', width: 100, align: 'right' as const },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            render: (_: unknown, m) =>
              m.status === 'FAILED' || (m.status === 'KEPT' && data?.smtpConfigured) ? (
                <Button size="small" onClick={() => void retry(m)}>
                  {t('outbox.retry')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Page>
  );
}
