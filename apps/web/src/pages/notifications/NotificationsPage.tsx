/** The notification centre: my notifications, newest first; opening one marks it read and goes to where to act. */
import { App as AntApp, Badge, Button, Empty, List, Segmented, Space, Typography } from 'antd';
import { CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type ResponseOf } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { NOTIFICATIONS_CHANGED } from '../../app/Shell';
import { LoadError } from '../../components/ErrorAlert';
import { describeError } from '../../lib/serverErrors';
import { Page } from '../../components/Page';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

type Item = ResponseOf<'GET /api/notifications'>['items'][number];

export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const format = useFormat();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/notifications', { query: { unread: unreadOnly ? 'true' : undefined, limit: 100 }, signal }), [unreadOnly]);

  const markRead = async (body: { ids?: string[]; all?: boolean }) => {
    try {
      await api.post('/api/notifications/read', body);
      window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
      reload();
    } catch (e) {
      void message.error(describeError(e, t, i18n.language).message);
    }
  };

  const open = async (item: Item) => {
    if (!item.readAt) await markRead({ ids: [item.id] });
    navigate(item.link);
  };

  return (
    <Page
      title={t('notifications.title')}
      subtitle={data ? t('notifications.unread', { count: data.unread }) : undefined}
      extra={
        <Space wrap>
          <Segmented
            aria-label={t('notifications.show')}
            value={unreadOnly ? 'unread' : 'all'}
            options={[
              { value: 'all', label: t('notifications.all') },
              { value: 'unread', label: t('notifications.unreadOnly') },
            ]}
            onChange={(v) => setUnreadOnly(v === 'unread')}
          />
          <Button icon={<CheckOutlined />} disabled={!data?.unread} onClick={() => void markRead({ all: true })}>
            {t('notifications.markAll')}
          </Button>
          <Link to={ROUTES.notificationSettings}>
            <Button icon={<SettingOutlined />}>{t('notifications.settings')}</Button>
          </Link>
        </Space>
      }
    >
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      <List<Item>
        loading={loading}
        bordered
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t(unreadOnly ? 'notifications.noneUnread' : 'notifications.none')} /> }}
        renderItem={(item) => (
          <List.Item
            key={item.id}
            className={`notification-item${item.readAt ? '' : ' notification-unread'}`}
            data-testid="notification"
            actions={
              item.readAt
                ? []
                : [
                    <Button key="read" size="small" type="link" onClick={() => void markRead({ ids: [item.id] })} aria-label={t('notifications.markReadNamed', { title: en ? item.titleEn : item.title })}>
                      {t('notifications.markRead')}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              avatar={<Badge status={item.readAt ? 'default' : 'processing'} aria-hidden />}
              title={
                <a
                  href={item.link}
                  onClick={(e) => {
                    e.preventDefault();
                    void open(item);
                  }}
                >
                  {en ? item.titleEn : item.title}
                </a>
              }
              description={
                <Space direction="vertical" size={2}>
                  <Typography.Text>{en ? item.bodyEn : item.body}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {en ? item.kindLabel.en : item.kindLabel.vi} · {format.dateTime(item.createdAt)}
                    {item.readAt ? '' : ` · ${t('notifications.new')}`}
                  </Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Page>
  );
}
