/**
 * Tra cứu: one search box over people, collectives, households, units and movements, with or without diacritics
 * ("nguyen thi" finds "Nguyễn Thị Hoa"); each candidate leads to its page and to its subject's history across years.
 */
import { Card, Empty, Input, List, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { LookupHit } from '#contracts';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

const PAGE_SIZE = 20;
const KINDS = ['ALL', 'COLLECTIVE', 'INDIVIDUAL', 'HOUSEHOLD', 'UNIT', 'MOVEMENT'] as const;

export function LookupPage() {
  const { t } = useTranslation();
  const { words, label } = useLabels();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = (params.get('loai') ?? 'ALL') as (typeof KINDS)[number];
  const page = Number(params.get('trang') ?? 1) || 1;
  const { data, error, loading, reload } = useAsync(
    (signal) =>
      q
        ? api.get('/api/lookup', { query: { q, ...(kind === 'ALL' ? {} : { kind }), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal })
        : Promise.resolve(null),
    [q, kind, page],
  );
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (!value) next.delete(key);
      else next.set(key, value);
    }
    if (!('trang' in changes)) next.delete('trang');
    setParams(next);
  };

  return (
    <Page title={t('lookup.title')} subtitle={t('lookup.subtitle')}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.Search
            id="lookup-q"
            aria-label={t('lookup.search')}
            placeholder={t('lookup.placeholder')}
            defaultValue={q}
            key={`q-${q}`}
            allowClear
            enterButton={t('lookup.search')}
            size="large"
            onSearch={(value) => set({ q: value.trim() || undefined })}
          />
          <Segmented
            value={kind}
            onChange={(value) => set({ loai: value === 'ALL' ? undefined : String(value) })}
            options={KINDS.map((k) => ({ value: k, label: k === 'ALL' ? t('lookup.all') : k === 'UNIT' ? t('lookup.units') : k === 'MOVEMENT' ? t('lookup.movements') : label('kind', k) }))}
            style={{ maxWidth: '100%', overflowX: 'auto' }}
          />
        </Space>
      </Card>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {!q ? (
        <Empty description={t('lookup.typeSomething')} />
      ) : (
        <>
          {data && (
            <Typography.Paragraph type="secondary" data-testid="lookup-totals">
              {t('lookup.totals', { candidates: format.number(data.totals.candidates), units: format.number(data.totals.units), movements: format.number(data.totals.movements) })}
            </Typography.Paragraph>
          )}
          <List<LookupHit>
            loading={loading}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('lookup.nothing', { q }) }}
            renderItem={(hit) => <HitRow hit={hit} words={words} />}
            data-testid="lookup-results"
          />
          {data && data.total > PAGE_SIZE && (
            <Pagination style={{ marginTop: 16 }} current={page} pageSize={PAGE_SIZE} total={data.total} showSizeChanger={false} onChange={(p) => set({ trang: String(p) })} />
          )}
        </>
      )}
    </Page>
  );
}

function HitRow({ hit, words }: { hit: LookupHit; words: (l: { vi: string; en: string } | null | undefined) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (hit.type === 'CANDIDATE') {
    return (
      <List.Item
        data-hit="candidate"
        actions={[
          <Link key="history" to={ROUTES.subjectHistory(hit.id)}>
            {t('lookup.history')}
          </Link>,
        ]}
      >
        <List.Item.Meta
          title={
            <Space wrap>
              <Link to={ROUTES.candidate(hit.id)}>{hit.name}</Link>
              <Tag>{words(hit.kindLabel)}</Tag>
              <Tag color="blue">{words(hit.stateLabel)}</Tag>
            </Space>
          }
          description={`${hit.unit.name} · ${hit.year} · ${words(hit.fieldLabel)}`}
        />
      </List.Item>
    );
  }
  if (hit.type === 'UNIT') {
    return (
      <List.Item data-hit="unit">
        <List.Item.Meta
          title={
            <Space wrap>
              <Link to={`${ROUTES.candidates}?unitId=${hit.id}`}>{hit.name}</Link>
              <Tag>{t('lookup.unit')}</Tag>
              <Tag>{words(hit.levelLabel)}</Tag>
            </Space>
          }
          description={[hit.parent ? t('lookup.under', { parent: hit.parent.name }) : null, words(hit.sectorLabel)].filter(Boolean).join(' · ')}
        />
      </List.Item>
    );
  }
  return (
    <List.Item data-hit="movement">
      <List.Item.Meta
        title={
          <Space wrap>
            <Typography.Text strong>{hit.name}</Typography.Text>
            <Tag>{t('lookup.movement')}</Tag>
            <Tag color="green">{words(hit.statusLabel)}</Tag>
          </Space>
        }
        description={t('lookup.launchedBy', { unit: hit.launchingUnit.name, from: format.date(hit.periodFrom), to: format.date(hit.periodTo) })}
      />
    </List.Item>
  );
}
