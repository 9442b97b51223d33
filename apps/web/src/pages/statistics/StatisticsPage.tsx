/**
 * Thống kê: the report's table (year × field, per-year subtotals, the grand total, the honouring forms) with its
 * filters, a chart of exemplars per field across the years, Excel and CSV downloads of exactly what is shown,
 * and the historical import with its reconciliation report.
 */
import { useMemo } from 'react';
import { Alert, Button, Card, Collapse, Form, InputNumber, Select, Space, Switch, Table, Tag, TreeSelect, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Field, Sector } from '#domain';
import type { StatisticsFigures as Figures, StatisticsTable } from '#contracts';
import { inGroup } from '#domain';
import { api, ApiError, withQuery } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useParamUpdater } from '../../lib/useParamUpdater';
import { loadUnitTree, toTreeData } from '../../lib/units';
import { ExemplarChart } from './ExemplarChart';
import { ImportSection } from './ImportSection';
import { SeriesEventsSection } from './SeriesEventsSection';
import { ByLevelCard } from './ByLevelCard';

/** URL parameter → API query parameter. */
const PARAMS = { don_vi: 'unitId', khoi: 'sector', linh_vuc: 'field', tu_nam: 'yearFrom', den_nam: 'yearTo', tach_ho: 'separateHouseholds' } as const;
type ParamName = keyof typeof PARAMS;

interface Row {
  key: string;
  type: 'field' | 'subtotal' | 'total' | 'none';
  tt?: number;
  year?: number;
  source?: StatisticsTable['years'][number]['source'];
  span: number;
  label: string;
  figures: Figures;
  unknown: string[];
  forms?: string;
}

function Figure({ value, unknown }: { value: number | null | undefined; unknown: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (value === null || value === undefined || unknown) {
    return (
      <Tag color="warning" title={t('statistics.unknownHint')}>
        {t('statistics.unknown')}
      </Tag>
    );
  }
  return <>{format.number(value)}</>;
}

export function StatisticsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { options, words } = useLabels();
  const { account } = useAuth();
  const [params] = useSearchParams();
  const query = useMemo(() => Object.fromEntries(Object.entries(PARAMS).map(([url, apiName]) => [apiName, params.get(url) ?? undefined])), [params]);
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/statistics/exemplars', { query, signal }), [query]);
  const units = useAsync((signal) => loadUnitTree(signal), []);
  const treeData = useMemo(() => toTreeData(units.data ?? []), [units.data]);
  const importReaders = account ? inGroup(account.role, 'councilReaders') : false;

  // The server's refusal of a filter (e.g. "to" before "from") sits under that filter.
  const filterErrors = useMemo(() => {
    const byParam: Partial<Record<ParamName, string>> = {};
    if (error instanceof ApiError) {
      for (const e of error.fieldErrors) {
        const param = (Object.entries(PARAMS) as [ParamName, string][]).find(([, apiName]) => apiName === e.field)?.[0];
        if (param) byParam[param] = i18n.language === 'en' ? e.messageEn || e.message : e.message;
      }
    }
    return byParam;
  }, [error, i18n.language]);
  const problem = (name: ParamName) => (filterErrors[name] ? { validateStatus: 'error' as const, help: filterErrors[name] } : {});

  const updateParams = useParamUpdater();
  const update = (name: ParamName, value: unknown) =>
    updateParams((next) => {
      if (value === undefined || value === null || value === '' || value === false) next.delete(name);
      else next.set(name, String(value));
    });

  const separate = data?.filters.separateHouseholds ?? false;
  const rows: Row[] = useMemo(() => {
    if (!data) return [];
    const out: Row[] = [];
    for (const year of data.years) {
      // A year of the range without figures keeps its row: empty cells, marked.
      if (year.source === 'NONE') {
        out.push({ key: `${year.year}-none`, type: 'none', tt: year.tt, year: year.year, source: year.source, span: 1, label: t('statistics.noFigures'), figures: { collective: null, individual: null }, unknown: [] });
        continue;
      }
      year.rows.forEach((r, i) =>
        out.push({
          key: `${year.year}-${r.field}`,
          type: 'field',
          tt: year.tt,
          year: year.year,
          source: year.source,
          span: i === 0 ? year.rows.length + 1 : 0,
          label: words(r.fieldLabel),
          figures: r,
          unknown: r.unknown,
          forms: words(year.honouringFormsText),
        }),
      );
      out.push({ key: `${year.year}-subtotal`, type: 'subtotal', year: year.year, span: 0, label: t('statistics.subtotal', { year: year.year }), figures: year.subtotal, unknown: year.subtotal.unknownCells > 0 ? ['SOME'] : [] });
    }
    if (data.years.length > 0) out.push({ key: 'total', type: 'total', span: 1, label: t('statistics.total'), figures: data.total, unknown: data.total.unknownCells > 0 ? ['SOME'] : [], forms: data.total.honouringForms.map((f) => words(f)).join('; ') });
    return out;
  }, [data, words, t]);

  const i18nNumber = (n: number) => format.number(n);
  const i18nSigned = (n: number) => (n > 0 ? `+${format.number(n)}` : format.number(n));
  const downloadQuery = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string>;
  const cell = (row: Row, key: keyof Figures, column: string) => {
    if (row.type === 'none') return null;
    const value = row.figures[key];
    const unknown = row.type === 'field' ? row.unknown.includes(column) : value === null;
    const shown = <Figure value={value} unknown={unknown} />;
    return row.type === 'field' ? shown : <strong>{shown}</strong>;
  };
  const sourceTag = (source: Row['source']) => (source ? <Tag color={source === 'CONFLICT' ? 'red' : source === 'IMPORT' ? 'blue' : source === 'NONE' ? 'default' : 'green'}>{t(`statistics.source.${source}`)}</Tag> : null);

  return (
    <Page
      title={t('statistics.title')}
      subtitle={data ? words(data.scope) : t('statistics.subtitle')}
      extra={
        <>
          <Button icon={<FileExcelOutlined />} href={withQuery('/api/statistics/exemplars/xlsx', downloadQuery)} download data-testid="download-xlsx">
            {t('statistics.downloadXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={withQuery('/api/statistics/exemplars/csv', downloadQuery)} download data-testid="download-csv">
            {t('statistics.downloadCsv')}
          </Button>
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" role="search" aria-label={t('statistics.filters')} className="filters">
          <Space wrap size={[16, 0]} align="start">
            <Form.Item {...problem('don_vi')} label={t('candidate.unit')} htmlFor="stat-unit">
              <TreeSelect
                id="stat-unit"
                allowClear
                treeDefaultExpandAll
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeData={treeData}
                loading={units.loading}
                placeholder={t('statistics.wholeProvince')}
                value={params.get('don_vi') ?? undefined}
                onChange={(v) => update('don_vi', v)}
                style={{ width: 280 }}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item {...problem('khoi')} label={t('statistics.sector')} htmlFor="stat-sector">
              <Select id="stat-sector" allowClear placeholder={t('common.all')} value={(params.get('khoi') as Sector | null) ?? undefined} onChange={(v) => update('khoi', v)} options={options('sector')} style={{ width: 220 }} popupMatchSelectWidth={false} />
            </Form.Item>
            <Form.Item {...problem('linh_vuc')} label={t('candidate.field')} htmlFor="stat-field">
              <Select id="stat-field" allowClear placeholder={t('common.all')} value={(params.get('linh_vuc') as Field | null) ?? undefined} onChange={(v) => update('linh_vuc', v)} options={options('field')} style={{ width: 220 }} popupMatchSelectWidth={false} />
            </Form.Item>
            <Form.Item {...problem('tu_nam')} label={t('statistics.yearFrom')} htmlFor="stat-from">
              <InputNumber
                id="stat-from"
                key={`tu_nam-${params.get('tu_nam') ?? ''}`}
                min={1945}
                max={2100}
                precision={0}
                defaultValue={params.get('tu_nam') ? Number(params.get('tu_nam')) : undefined}
                onBlur={(e) => update('tu_nam', e.target.value.trim() || undefined)}
                onPressEnter={(e) => update('tu_nam', (e.target as HTMLInputElement).value.trim() || undefined)}
                style={{ width: 110 }}
              />
            </Form.Item>
            <Form.Item {...problem('den_nam')} label={t('statistics.yearTo')} htmlFor="stat-to">
              <InputNumber
                id="stat-to"
                key={`den_nam-${params.get('den_nam') ?? ''}`}
                min={1945}
                max={2100}
                precision={0}
                defaultValue={params.get('den_nam') ? Number(params.get('den_nam')) : undefined}
                onBlur={(e) => update('den_nam', e.target.value.trim() || undefined)}
                onPressEnter={(e) => update('den_nam', (e.target as HTMLInputElement).value.trim() || undefined)}
                style={{ width: 110 }}
              />
            </Form.Item>
            <Form.Item {...problem('tach_ho')} label={t('statistics.separateHouseholds')} htmlFor="stat-households">
              <Switch id="stat-households" checked={params.get('tach_ho') === 'true'} onChange={(v) => update('tach_ho', v ? 'true' : undefined)} />
            </Form.Item>
          </Space>
        </Form>
      </Card>
      {error && Object.keys(filterErrors).length === 0 ? <LoadError error={error} onRetry={reload} /> : null}

      {data && (
        <div className="stack" style={{ marginTop: 0 }}>
          <Card title={<h2 className="card-heading">{t('statistics.chart.title')}</h2>}>
            {data.years.length > 0 ? <ExemplarChart table={data} /> : <Typography.Text type="secondary">{t('statistics.empty')}</Typography.Text>}
          </Card>

          <Card title={<h2 className="card-heading">{words(data.title)}</h2>} data-testid="statistics-table">
            {data.historical.note && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={words(data.historical.note)} />}
            {data.seriesEvents.map((e) => (
              <Alert key={e.id} type="info" showIcon style={{ marginBottom: 8 }} title={words(e.label)} description={words(e.message)} data-testid="series-event" />
            ))}
            {data.conflicts.map((c) => (
              <Alert key={c.year} type="warning" showIcon style={{ marginBottom: 8 }} title={words(c.message)} />
            ))}
            {data.unknownCells.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('statistics.unknownCells', { count: data.unknownCells.length })} />}
            <Table<Row>
              size="small"
              bordered
              rowKey="key"
              loading={loading}
              pagination={false}
              dataSource={rows}
              scroll={{ x: 900 }}
              locale={{ emptyText: t('statistics.empty') }}
              rowClassName={(r) => (r.type === 'field' ? '' : r.type === 'subtotal' ? 'row-subtotal' : r.type === 'none' ? 'row-no-figures' : 'row-total')}
              columns={[
                {
                  title: t('statistics.tt'),
                  key: 'tt',
                  width: 56,
                  align: 'center',
                  onCell: (r) => ({ rowSpan: r.type === 'total' ? 1 : r.span }),
                  render: (_: unknown, r) => (r.type === 'total' ? '' : r.tt),
                },
                {
                  title: t('candidate.year'),
                  key: 'year',
                  width: 120,
                  onCell: (r) => ({ rowSpan: r.type === 'total' ? 1 : r.span }),
                  render: (_: unknown, r) =>
                    r.type === 'total' ? null : (
                      <Space orientation="vertical" size={2}>
                        <strong>{r.year}</strong>
                        {sourceTag(r.source)}
                      </Space>
                    ),
                },
                { title: t('candidate.field'), dataIndex: 'label', render: (v: string, r) => (r.type === 'field' ? v : r.type === 'none' ? <Typography.Text type="secondary" italic data-testid={`no-figures-${r.year}`}>{v}</Typography.Text> : <strong>{v}</strong>) },
                { title: t('statistics.collective'), key: 'collective', width: 110, align: 'right', render: (_: unknown, r) => cell(r, 'collective', 'COLLECTIVE') },
                { title: t('statistics.individual'), key: 'individual', width: 110, align: 'right', render: (_: unknown, r) => cell(r, 'individual', 'INDIVIDUAL') },
                ...(separate ? [{ title: t('statistics.household'), key: 'household', width: 120, align: 'right' as const, render: (_: unknown, r: Row) => cell(r, 'household', 'HOUSEHOLD') }] : []),
                {
                  title: t('statistics.honouringForms'),
                  key: 'forms',
                  width: 260,
                  onCell: (r) => ({ rowSpan: r.type === 'total' ? 1 : r.span }),
                  render: (_: unknown, r) => r.forms || '—',
                },
              ]}
            />
            {data.sourceTotals.length > 0 && (
              <div data-testid="source-totals" style={{ marginTop: 12 }}>
                {data.sourceTotals.map((b) => (
                  <Alert
                    key={b.importId}
                    type={b.columns.some((c) => c.difference !== null && c.difference !== 0) ? 'warning' : 'info'}
                    showIcon
                    style={{ marginBottom: 8 }}
                    title={t('statistics.sourceTotals.title', { file: b.fileName, from: b.yearFrom, to: b.yearTo })}
                    description={
                      <ul className="plain-list">
                        {b.columns.map((c) => (
                          <li key={c.column}>
                            {c.stated === null
                              ? t('statistics.sourceTotals.noneStated', { column: words(c.label), computed: i18nNumber(c.computed) })
                              : t('statistics.sourceTotals.line', { column: words(c.label), stated: i18nNumber(c.stated), computed: i18nNumber(c.computed), difference: i18nSigned(c.difference ?? 0), blanks: c.blankCells })}
                          </li>
                        ))}
                      </ul>
                    }
                  />
                ))}
              </div>
            )}
            <Collapse
              ghost
              style={{ marginTop: 8 }}
              items={[{ key: 'rule', label: t('statistics.countingRule'), children: <Typography.Paragraph>{words(data.countingRule)}</Typography.Paragraph> }]}
            />
          </Card>
          <ByLevelCard />

          {importReaders && <ImportSection mayImport={account?.role === 'COUNCIL_SECRETARY'} onImported={reload} />}
          <SeriesEventsSection mayRecord={account?.role === 'COUNCIL_SECRETARY'} onRecorded={reload} />
        </div>
      )}
    </Page>
  );
}
