/**
 * What a unit was and became: its changes, the units it came from and the units that carry it on, each with its document.
 * A dissolution's link is not a lineage: the dissolved unit's work passes to the unit that takes it over, and each side
 * says so (never "formed from" or "became").
 */
import { Card, Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { LoadError } from '../../components/ErrorAlert';
import { useAsync } from '../../lib/useAsync';
import { useFormat } from '../../lib/format';

export function UnitTimelineCard({ unitId, onSelect }: { unitId: string; onSelect?(id: string): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/units/{id}/timeline', { path: { id: unitId }, signal }), [unitId]);
  const by = (d: { number: string; date: string; authority: string }) => t('reorg.byDocument', { number: d.number, date: format.date(d.date), authority: d.authority });
  const unitLink = (u: { id: string; name: string }) =>
    onSelect ? <Typography.Link onClick={() => onSelect(u.id)}>{u.name}</Typography.Link> : <strong>{u.name}</strong>;
  const items = data
    ? [
        ...data.predecessors.map((p) => ({
          key: `p-${p.operationId}-${p.unit.id}`,
          date: p.effectiveOn,
          children: (
            <>
              <Tag color="blue">{t(`reorg.kinds.${p.kind}`)}</Tag> {t(p.kind === 'DISSOLVE' ? 'reorg.predecessorsDissolved' : 'reorg.predecessors')}: {unitLink(p.unit)} — {by(p.document)}
            </>
          ),
        })),
        ...data.changes.map((c, i) => ({
          key: `c-${i}`,
          date: c.operation.effectiveOn,
          children: (
            <>
              <Tag>{t(`reorg.changes.${c.change}`)}</Tag> {c.nameBefore && c.nameBefore !== c.nameAfter ? `${c.nameBefore} → ${c.nameAfter}` : c.nameAfter}
              {c.parentAfter && c.parentBefore?.id !== c.parentAfter.id ? <> ({c.parentBefore?.name ?? '—'} → {c.parentAfter.name})</> : null} — {by({ number: c.operation.documentNumber, date: c.operation.documentDate, authority: c.operation.documentAuthority })}
            </>
          ),
        })),
        ...data.successors.map((s) => ({
          key: `s-${s.operationId}-${s.unit.id}`,
          date: s.effectiveOn,
          children: (
            <>
              <Tag color="orange">{t(`reorg.kinds.${s.kind}`)}</Tag> {t(s.kind === 'DISSOLVE' ? 'reorg.successorsDissolved' : 'reorg.successors')}: {unitLink(s.unit)} — {by(s.document)}
            </>
          ),
        })),
      ].sort((a, b) => a.date.localeCompare(b.date))
    : [];
  return (
    <Card title={<h2 className="card-heading">{t('reorg.timeline')}</h2>} loading={loading && !data}>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {data && (
        <>
          {data.unit.status === 'RETIRED' && (
            <Typography.Paragraph>
              <Tag color="default">{t('reorg.retired')} {format.date(data.unit.retiredOn)}</Tag> {data.today && <>{t('reorg.today')}: {unitLink(data.today)}</>}
            </Typography.Paragraph>
          )}
          {items.length === 0 ? (
            <Empty description={t('reorg.noHistory')} />
          ) : (
            <Timeline items={items.map((i) => ({ key: i.key, children: <><strong>{format.date(i.date)}</strong> {i.children}</> }))} />
          )}
        </>
      )}
    </Card>
  );
}
