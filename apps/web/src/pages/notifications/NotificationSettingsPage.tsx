/** My mail for each kind of notification: none, at once, or in the daily digest. The centre shows them all regardless. */
import { Alert, App as AntApp, Button, Select, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIL_MODES, type MailMode } from '#domain';
import { api, type ResponseOf } from '../../api/client';
import { LoadError } from '../../components/ErrorAlert';
import { describeError } from '../../lib/serverErrors';
import { Page } from '../../components/Page';
import { useAsync } from '../../lib/useAsync';

type Row = ResponseOf<'GET /api/notifications/preferences'>['preferences'][number];

export function NotificationSettingsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { message } = AntApp.useApp();
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/notifications/preferences', { signal }), []);
  const [choices, setChoices] = useState<Record<string, MailMode>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (data) setChoices(Object.fromEntries(data.preferences.map((p) => [p.kind, p.mail])));
  }, [data]);

  const save = async () => {
    setBusy(true);
    try {
      await api.post('/api/notifications/preferences', { preferences: Object.entries(choices).map(([kind, mail]) => ({ kind, mail })) });
      void message.success(t('notifications.saved'));
      reload();
    } catch (e) {
      void message.error(describeError(e, t, i18n.language).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title={t('notifications.settingsTitle')}
      extra={
        <Button type="primary" loading={busy} onClick={() => void save()} disabled={!data}>
          {t('common.save')}
        </Button>
      }
    >
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {data && (
        <Alert
          style={{ marginBottom: 16 }}
          type={data.email ? 'info' : 'warning'}
          showIcon
          title={data.email ? t('notifications.mailTo', { email: data.email }) : t('notifications.noEmail')}
        />
      )}
      <Table<Row>
        rowKey="kind"
        loading={loading}
        dataSource={data?.preferences ?? []}
        pagination={false}
        columns={[
          { title: t('notifications.kind'), dataIndex: 'kind', render: (_: string, r) => (en ? r.kindLabel.en : r.kindLabel.vi) },
          {
            title: t('notifications.mail'),
            dataIndex: 'mail',
            width: 260,
            render: (_: string, r) => (
              <Select<MailMode>
                style={{ width: '100%' }}
                aria-label={t('notifications.mailFor', { kind: en ? r.kindLabel.en : r.kindLabel.vi })}
                value={choices[r.kind] ?? r.mail}
                onChange={(v) => setChoices((c) => ({ ...c, [r.kind]: v }))}
                options={MAIL_MODES.map((m) => ({ value: m.code, label: en ? m.en : m.vi }))}
              />
            ),
          },
        ]}
      />
    </Page>
  );
}
