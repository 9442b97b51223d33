/** Recognised exemplars cut by the level of recognition: the unit level of the council that recognised them. */
import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecognitionsByLevel } from '#contracts';
import { api } from '../../api/client';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

type Row = RecognitionsByLevel['rows'][number];

export function ByLevelCard() {
  const { t } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  const { data } = useAsync((signal) => api.get('/api/statistics/recognitions-by-level', { signal }), []);
  return (
    <Card title={<h2 className="card-heading">{t('statistics.byLevel.title')}</h2>} style={{ marginTop: 16 }} data-testid="by-level">
      <Typography.Paragraph type="secondary">{t('statistics.byLevel.hint')}</Typography.Paragraph>
      <Table<Row>
        size="small"
        rowKey="level"
        pagination={false}
        dataSource={data?.rows ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('statistics.byLevel.level'), dataIndex: 'levelLabel', render: (v: Row['levelLabel']) => words(v) },
          { title: t('statistics.byLevel.collective'), dataIndex: 'collective', align: 'right', render: (v: number) => format.number(v) },
          { title: t('statistics.byLevel.individual'), dataIndex: 'individual', align: 'right', render: (v: number) => format.number(v) },
          { title: t('statistics.byLevel.household'), dataIndex: 'household', align: 'right', render: (v: number) => format.number(v) },
          { title: t('statistics.byLevel.total'), dataIndex: 'total', align: 'right', render: (v: number) => <strong>{format.number(v)}</strong> },
        ]}
      />
    </Card>
  );
}
