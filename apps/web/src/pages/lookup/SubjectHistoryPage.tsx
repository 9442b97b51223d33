/**
 * A subject's history across years (one achievement, one recognition: Luật Thi đua, khen thưởng 2022 Điều 5):
 * every candidacy of the same collective, person or household, what became of it, and a warning when it was
 * recognised more than once.
 */
import { Alert, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SubjectHistory } from '#contracts';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

type Candidacy = SubjectHistory['candidacies'][number];

export function SubjectHistoryPage() {
  const { t } = useTranslation();
  const { candidateId = '' } = useParams();
  const { words } = useLabels();
  const format = useFormat();
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/lookup/subjects/{candidateId}', { path: { candidateId }, signal }), [candidateId]);
  const years = data ? [...new Set(data.recognitions.map((r) => r.year))].sort() : [];

  return (
    <Page title={data ? t('subjectHistory.title', { name: data.subject.name }) : t('subjectHistory.loading')} extra={<Link to={ROUTES.lookup}>{t('lookup.backToLookup')}</Link>}>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {data && (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('candidate.kind')}>{words(data.subject.kindLabel)}</Descriptions.Item>
              <Descriptions.Item label={t('candidate.unit')}>{data.subject.unit.name}</Descriptions.Item>
              <Descriptions.Item label={t('subjectHistory.candidacies')}>{format.number(data.candidacies.length)}</Descriptions.Item>
              <Descriptions.Item label={t('subjectHistory.recognitions')}>{years.length ? years.join(', ') : t('subjectHistory.none')}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {words(data.rule)}
            </Typography.Paragraph>
          </Card>
          {data.recognitions.length > 1 && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="repeat-warning" title={t('subjectHistory.repeated', { count: data.recognitions.length, years: years.join(', ') })} />
          )}
        </>
      )}
      <Table<Candidacy>
        rowKey="id"
        loading={loading}
        dataSource={data?.candidacies ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('candidate.year'), dataIndex: 'year', width: 72 },
          { title: t('candidate.name'), key: 'name', render: (_, c) => <Link to={ROUTES.candidate(c.id)}>{c.name}</Link> },
          { title: t('candidate.unit'), key: 'unit', render: (_, c) => c.unit.name },
          { title: t('candidate.field'), key: 'field', render: (_, c) => words(c.fieldLabel) },
          {
            title: t('subjectHistory.outcome'),
            key: 'outcome',
            render: (_, c) => (
              <>
                <Tag color={c.outcome.recognised ? 'green' : c.outcome.final ? 'default' : 'blue'}>{words(c.outcome.stateLabel)}</Tag>
                {c.outcome.since ? <Typography.Text type="secondary">{t('subjectHistory.since', { date: format.date(c.outcome.since) })}</Typography.Text> : null}
              </>
            ),
          },
          { title: t('candidate.achievement'), key: 'achievement', render: (_, c) => <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: t('subjectHistory.more') }} style={{ marginBottom: 0, maxWidth: 480 }}>{c.achievement}</Typography.Paragraph> },
        ]}
      />
    </Page>
  );
}
