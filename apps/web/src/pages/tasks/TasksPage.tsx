import { Badge, Button, Card, Empty, List, Space, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { ROUTES } from '../../app/routes';
import { LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { StateTag } from '../../components/StateTag';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { TASK_SOURCES, type TaskItem, type TaskSource } from './sources';

const DATE_VALUES = new Set(['due', 'last', 'since', 'endsOn']);

function TaskGroup({ source }: { source: TaskSource }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const format = useFormat();
  const { data, error, loading, reload } = useAsync((signal) => source.load(signal), [source]);
  const detail = (item: TaskItem) => {
    if (!item.detail) return null;
    const values = Object.fromEntries(Object.entries(item.detail.values ?? {}).map(([k, v]) => [k, DATE_VALUES.has(k) ? format.date(String(v)) || '—' : v]));
    return t(item.detail.key, values);
  };
  const headingId = `tasks-${source.key}`;
  return (
    <Card
      title={
        <Space>
          <span id={headingId} role="heading" aria-level={2}>
            {t(source.title)}
          </span>
          {data && <Badge count={data.length} showZero color={data.length > 0 ? (source.key === 'overdueCheckIns' || source.key === 'myVotes' || source.key === 'decisionsToConfirm' ? '#cf1322' : '#0b5cad') : '#8c8c8c'} aria-label={t('tasks.count', { count: data.length })} />}
        </Space>
      }
      data-testid={`task-group-${source.key}`}
    >
      <Typography.Paragraph type="secondary">{t(source.hint)}</Typography.Paragraph>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <List<TaskItem>
          rowKey="key"
          aria-labelledby={headingId}
          loading={loading}
          dataSource={data ?? []}
          locale={{ emptyText: <Typography.Text type="secondary">{t('tasks.none')}</Typography.Text> }}
          renderItem={(item) => (
            <List.Item>
              <List.Item.Meta
                avatar={item.urgent ? <ClockCircleOutlined style={{ color: '#cf1322', fontSize: 18 }} aria-hidden /> : undefined}
                title={<Link to={item.link}>{item.title}</Link>}
                description={
                  <Space size={[8, 4]} wrap>
                    {item.candidate && <StateTag state={item.candidate.state} />}
                    {item.candidate && <span>{label('kind', item.candidate.kind)}</span>}
                    {item.candidate?.unitName && <span>· {item.candidate.unitName}</span>}
                    {item.detail && <span className={item.urgent ? 'task-urgent' : undefined}>{item.candidate ? '· ' : ''}{detail(item)}</span>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function TasksPage() {
  const { t } = useTranslation();
  const { account } = useAuth();
  const navigate = useNavigate();
  const sources = TASK_SOURCES.filter((s) => account && s.roles.includes(account.role));
  return (
    <Page
      title={t('tasks.title')}
      subtitle={t('tasks.subtitle')}
      extra={
        account?.role === 'UNIT_HEAD' && (
          <Button type="primary" onClick={() => navigate(ROUTES.nominate)}>
            {t('nav.nominate')}
          </Button>
        )
      }
    >
      {sources.length === 0 ? (
        <Empty description={t('tasks.noneForRole')} />
      ) : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {sources.map((source) => (
            <TaskGroup key={source.key} source={source} />
          ))}
        </Space>
      )}
    </Page>
  );
}
