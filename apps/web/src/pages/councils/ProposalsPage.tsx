/**
 * Upward proposals (liên thông): exemplars recognised by a lower council and proposed to the parent level's
 * council, as the reader sees them — leaving their council or unit (outgoing) or reaching it (incoming) — with
 * where the review at the parent level stands and the lower level's minutes and decision they carry.
 */
import { Card, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UpwardProposalView } from '#contracts';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { LoadError } from '../../components/ErrorAlert';
import { usePersonName } from '../../components/RecordContent';
import { Page } from '../../components/Page';
import { StateTag } from '../../components/StateTag';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { minutesUrl } from '../council/SessionPage';

type Direction = UpwardProposalView['direction'] | 'ALL';

export function ProposalsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const personName = usePersonName();
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/upward-proposals', { signal }), []);
  const [direction, setDirection] = useState<Direction>('ALL');
  const rows = (data ?? []).filter((p) => direction === 'ALL' || p.direction === direction);
  const count = (d: UpwardProposalView['direction']) => (data ?? []).filter((p) => p.direction === d).length;

  return (
    <Page title={t('proposals.title')} subtitle={t('proposals.subtitle')}>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Segmented<Direction>
            value={direction}
            onChange={setDirection}
            options={[
              { value: 'ALL', label: t('proposals.all', { count: data?.length ?? 0 }) },
              { value: 'INCOMING', label: t('proposals.incoming', { count: count('INCOMING') }) },
              { value: 'OUTGOING', label: t('proposals.outgoing', { count: count('OUTGOING') }) },
            ]}
          />
          {!loading && rows.length === 0 ? (
            <Empty description={t('proposals.none')} />
          ) : (
            <Table<UpwardProposalView>
              rowKey="id"
              loading={loading}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="proposals"
              columns={[
                {
                  title: t('proposals.direction'),
                  dataIndex: 'direction',
                  render: (d: UpwardProposalView['direction']) => <Tag color={d === 'INCOMING' ? 'green' : d === 'OUTGOING' ? 'blue' : 'default'}>{t(`proposals.directionValue.${d}`)}</Tag>,
                },
                {
                  title: t('proposals.exemplar'),
                  width: 240,
                  render: (_, p) => (
                    <>
                      <Link to={ROUTES.candidate(p.candidate.id)}>{p.candidate.name}</Link>
                      <div><Typography.Text type="secondary">{p.unit.name}</Typography.Text></div>
                    </>
                  ),
                },
                {
                  title: t('proposals.councils'),
                  width: 260,
                  render: (_, p) => (
                    <>
                      <div>{p.fromCouncil.name}</div>
                      <Typography.Text type="secondary">↳ {p.toCouncil.name}</Typography.Text>
                    </>
                  ),
                },
                {
                  title: t('proposals.upperReview'),
                  render: (_, p) => (
                    <Space orientation="vertical" size={2}>
                      <StateTag state={p.upperCandidate.state as never} />
                      <Link to={ROUTES.candidate(p.upperCandidate.id)}>{t('proposals.openUpper')}</Link>
                    </Space>
                  ),
                },
                {
                  title: t('proposals.carries'),
                  render: (_, p) => (
                    <Space orientation="vertical" size={2}>
                      <a href={minutesUrl(p.lowerSessionId)} target="_blank" rel="noreferrer">{t('proposals.minutes')}</a>
                      {p.lowerDecisionId ? <a href={`/api/decisions/${p.lowerDecisionId}/pdf`} target="_blank" rel="noreferrer">{t('proposals.decision')}</a> : <Typography.Text type="secondary">{t('proposals.noDecision')}</Typography.Text>}
                    </Space>
                  ),
                },
                {
                  title: t('proposals.proposedAt'),
                  width: 240,
                  render: (_, p) => (
                    <>
                      <div>{t('proposals.proposedBy', { by: personName(p.people, p.proposedBy), at: format.dateTime(p.proposedAt) })}</div>
                      <Typography.Text type="secondary">{p.reasons}</Typography.Text>
                    </>
                  ),
                },
              ]}
            />
          )}
        </Space>
      </Card>
    </Page>
  );
}
