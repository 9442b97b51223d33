/**
 * Exemplars per field across the years, as stacked bars (one colour per field), drawn with Recharts. The table
 * beside it carries the same figures for screen readers and for anyone who prefers numbers; unknown cells
 * (blank in an imported file) are left out of the bars and said so, never drawn as 0.
 */
import { useMemo, useState } from 'react';
import { Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { FIELDS } from '#domain';
import type { StatisticsTable } from '#contracts';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';

type Measure = 'total' | 'collective' | 'individual' | 'household';

/** Seven colours told apart by people with the common colour-vision deficiencies (Okabe–Ito, with a grey). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#7F7F7F'];
const FIELD_ORDER = new Map<string, number>(FIELDS.map((f, i) => [f.code, i]));

export function ExemplarChart({ table }: { table: StatisticsTable }) {
  const { t } = useTranslation();
  const { label, words } = useLabels();
  const format = useFormat();
  const [measure, setMeasure] = useState<Measure>('total');
  const separate = table.filters.separateHouseholds;
  const { data, unknown } = useMemo(() => {
    let unknownCount = 0;
    const rows = table.years.map((year) => {
      const point: Record<string, number | string | null> = { year: String(year.year) };
      for (const row of year.rows) {
        const parts = measure === 'total' ? [row.collective, row.individual, ...(separate ? [row.household ?? null] : [])] : [row[measure] ?? null];
        const known = parts.filter((v): v is number => v !== null && v !== undefined);
        if (known.length < parts.length) unknownCount += 1;
        point[row.field] = known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
      }
      return point;
    });
    // A series event (a merger of provinces) in a year without figures still gets its place on the axis, empty.
    for (const e of table.seriesEvents) {
      if (!rows.some((r) => r.year === String(e.year))) rows.push({ year: String(e.year) });
    }
    rows.sort((a, b) => Number(a.year) - Number(b.year));
    return { data: rows, unknown: unknownCount };
  }, [table, measure, separate]);

  const measures: Measure[] = ['total', 'collective', 'individual', ...(separate ? (['household'] as const) : [])];
  return (
    <figure className="chart" aria-labelledby="chart-caption">
      <Segmented
        aria-label={t('statistics.chart.measure')}
        value={measure}
        onChange={(v) => setMeasure(v as Measure)}
        options={measures.map((m) => ({ value: m, label: t(`statistics.chart.${m}`) }))}
        style={{ marginBottom: 12 }}
      />
      <div className="chart-area" data-testid="exemplar-chart">
        <ResponsiveContainer width="100%" height={380}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="year" />
            <YAxis allowDecimals={false} tickFormatter={(v: number) => format.number(v)} width={64} />
            <Tooltip formatter={(value) => (typeof value === 'number' ? format.number(value) : t('statistics.unknown'))} />
            {/* Legend words in the text colour: the series colours are too light for text on white. */}
            {/* In the catalogue's order of fields, as the table's rows (Recharts would sort the names alphabetically). */}
            <Legend formatter={(value: string) => <span className="chart-legend-text">{value}</span>} itemSorter={(item) => FIELD_ORDER.get(String(item.dataKey)) ?? FIELDS.length} />
            {table.seriesEvents.map((e) => (
              <ReferenceLine
                key={e.id}
                x={String(e.year)}
                stroke="#222"
                strokeDasharray="6 3"
                strokeWidth={2}
                label={{ value: words(e.label), position: 'insideTopLeft', fill: '#222', fontSize: 12 }}
              />
            ))}
            {FIELDS.map((f, i) => (
              <Bar key={f.code} dataKey={f.code} name={label('field', f.code)} stackId="fields" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption id="chart-caption" className="statechart-caption">
        <Typography.Text>{t('statistics.chart.caption', { measure: t(`statistics.chart.${measure}`).toLowerCase() })}</Typography.Text>
        {unknown > 0 && <Typography.Text strong> {t('statistics.chart.unknown', { count: unknown })}</Typography.Text>}
        {table.seriesEvents.map((e) => (
          <Typography.Paragraph key={e.id} style={{ marginTop: 4, marginBottom: 0 }} data-testid="chart-series-event">
            <Typography.Text strong>{words(e.label)}:</Typography.Text> {words(e.message)}
          </Typography.Paragraph>
        ))}
      </figcaption>
    </figure>
  );
}
