/**
 * What the dashboards share: the page with its reload button, its loading and error states, and its panels (a card
 * titled by a level-2 heading, so that a screen reader's outline lists them) and figures (one number with its label).
 */
import type { ReactNode } from 'react';
import { Button, Card, Statistic } from 'antd';
import type { CSSProperties } from 'react';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useFormat } from '../../lib/format';

export function DashboardPage<T>({
  title,
  subtitle,
  state: { data, error, loading, reload },
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  state: { data: T | undefined; error: unknown; loading: boolean; reload: () => void };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Page
      title={title}
      subtitle={subtitle}
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
          {t('common.reload')}
        </Button>
      }
    >
      {error ? <LoadError error={error} onRetry={reload} /> : data === undefined ? <Card loading /> : children(data)}
    </Page>
  );
}

/** A dashboard's panel: a card whose title is a level-2 heading; `fill` stretches it to its row's height. */
export function Panel({ title, fill, children }: { title: ReactNode; fill?: boolean; children: ReactNode }) {
  return (
    <Card title={<h2 className="card-heading">{title}</h2>} style={fill ? { height: '100%' } : undefined}>
      {children}
    </Card>
  );
}

/** One figure in a small card, formatted the Vietnamese way (1.234). */
export function Figure({ title, value, alert }: { title: string; value: number; alert?: boolean }) {
  const format = useFormat();
  const style: CSSProperties | undefined = alert ? { color: '#cf1322' } : undefined;
  return (
    <Card size="small">
      <Statistic title={title} value={value} formatter={(v) => format.number(Number(v))} styles={{ content: style }} />
    </Card>
  );
}
