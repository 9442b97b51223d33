import { Alert, Badge, Button, Card, Empty, Space, Spin, Typography } from 'antd';
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
import { api } from '../../api/client';
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
        // A plain list, not Ant Design's List (which brings its pagination and select along): this is the first
        // screen of unit heads and council members, within its budget of JavaScript (docs/performance.md).
        <Spin spinning={loading}>
          {data && data.length === 0 ? (
            <Typography.Text type="secondary">{t('tasks.none')}</Typography.Text>
          ) : (
            <ul className="task-list" aria-labelledby={headingId}>
              {(data ?? []).map((item) => (
                <li key={item.key} className="task-item">
                  {item.urgent && <ClockCircleOutlined className="task-item-icon" aria-hidden />}
                  <div>
                    <div className="task-item-title">
                      <Link to={item.link}>{item.title}</Link>
                    </div>
                    <Space size={[8, 4]} wrap className="task-item-detail">
                      {item.candidate && <StateTag state={item.candidate.state} />}
                      {item.candidate && <span>{label('kind', item.candidate.kind)}</span>}
                      {item.candidate?.unitName && <span>· {item.candidate.unitName}</span>}
                      {item.detail && <span className={item.urgent ? 'task-urgent' : undefined}>{item.candidate ? '· ' : ''}{detail(item)}</span>}
                    </Space>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Spin>
      )}
    </Card>
  );
}

/** The next occurrence of a yearly deadline ("MM-DD") from today, and the days left. */
function nextDeadline(monthDay: string, today: string): { date: string; daysLeft: number } {
  const year = Number(today.slice(0, 4));
  const date = `${today.slice(5) <= monthDay ? year : year + 1}-${monthDay}`;
  const daysLeft = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return { date, daysLeft };
}

/** The yearly deadlines of the jurisdiction profile in force (dossiers to the council, clearances), when it sets any. */
function YearlyDeadlines() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data } = useAsync((signal) => api.get('/api/jurisdiction-profiles/current', { signal }).catch(() => null), []);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const lines = (['dossiers', 'clearances'] as const)
    .filter((k) => data?.content.deadlines[k])
    .map((k) => {
      const { date, daysLeft } = nextDeadline(data!.content.deadlines[k]!, today);
      return t(`tasks.deadline.${k}`, { date: format.date(date), count: daysLeft });
    });
  if (lines.length === 0) return null;
  return <Alert type="info" showIcon title={t('tasks.deadline.title')} description={lines.map((l) => <div key={l}>{l}</div>)} data-testid="yearly-deadlines" />;
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
          {(account?.role === 'UNIT_HEAD' || account?.role === 'COUNCIL_SECRETARY') && <YearlyDeadlines />}
          {sources.map((source) => (
            <TaskGroup key={source.key} source={source} />
          ))}
        </Space>
      )}
    </Page>
  );
}
