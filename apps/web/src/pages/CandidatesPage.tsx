/** The candidates the reader may see, with filters kept in the address (so a filtered list can be shared). */
import { Button, Card, Form, Input, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CANDIDATE_STATE_CODES } from '#workflow';
import type { CandidateView } from '#contracts';
import { api } from '../api/client';
import { ROUTES } from '../app/routes';
import { useAuth } from '../auth/AuthContext';
import { LoadError } from '../components/ErrorAlert';
import { Page } from '../components/Page';
import { StateTag } from '../components/StateTag';
import { useLabels } from '../domain/labels';
import { useFormat } from '../lib/format';
import { useAsync } from '../lib/useAsync';

const FILTERS = ['state', 'kind', 'field', 'year', 'q', 'unitId'] as const;
const DEFAULT_PAGE_SIZE = 20;
/** The programme's years, from the report's first (2014) to next year, newest first. */
const YEARS = Array.from({ length: new Date().getFullYear() + 2 - 2014 }, (_, i) => new Date().getFullYear() + 1 - i);

export function CandidatesPage() {
  const { t } = useTranslation();
  const { label, options } = useLabels();
  const format = useFormat();
  const { account } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('trang') ?? 1) || 1;
  const pageSize = Number(params.get('co') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE;
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined])) as Record<(typeof FILTERS)[number], string | undefined>;

  const { data, error, loading, reload } = useAsync(
    (signal) => api.get('/api/candidates', { query: { ...filters, page, pageSize }, signal }),
    [params.toString()],
  );

  const update = (changes: Record<string, string | number | undefined | null>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (resetPage) next.delete('trang');
    setParams(next);
  };

  return (
    <Page
      title={t('candidates.title')}
      subtitle={data ? t('candidates.total', { count: data.total, formatted: format.number(data.total) }) : undefined}
      extra={
        account?.role === 'UNIT_HEAD' && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(ROUTES.nominate)}>
            {t('nav.nominate')}
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" role="search" aria-label={t('candidates.filters')} className="filters">
          <Space wrap size={[16, 0]} align="end">
            <Form.Item label={t('candidates.search')} htmlFor="filter-q">
              <Input.Search id="filter-q" defaultValue={filters.q} allowClear placeholder={t('candidates.searchPlaceholder')} onSearch={(value) => update({ q: value.trim() })} style={{ width: 240 }} key={`q-${filters.q ?? ''}`} />
            </Form.Item>
            <Form.Item label={t('candidate.state')} htmlFor="filter-state">
              <Select id="filter-state" allowClear value={filters.state} placeholder={t('common.all')} style={{ width: 200 }} onChange={(v) => update({ state: v })} options={CANDIDATE_STATE_CODES.map((s) => ({ value: s, label: label('state', s) }))} />
            </Form.Item>
            <Form.Item label={t('candidate.kind')} htmlFor="filter-kind">
              <Select id="filter-kind" allowClear value={filters.kind} placeholder={t('common.all')} style={{ width: 140 }} onChange={(v) => update({ kind: v })} options={options('kind')} />
            </Form.Item>
            <Form.Item label={t('candidate.field')} htmlFor="filter-field">
              <Select id="filter-field" allowClear value={filters.field} placeholder={t('common.all')} style={{ width: 220 }} onChange={(v) => update({ field: v })} options={options('field')} popupMatchSelectWidth={false} />
            </Form.Item>
            <Form.Item label={t('candidate.year')} htmlFor="filter-year">
              <Select id="filter-year" allowClear value={filters.year ? Number(filters.year) : undefined} placeholder={t('common.all')} style={{ width: 110 }} onChange={(v) => update({ year: v })} options={YEARS.map((y) => ({ value: y, label: String(y) }))} />
            </Form.Item>
            <Form.Item>
              <Button onClick={() => setParams(new URLSearchParams())} disabled={FILTERS.every((f) => !filters[f])}>
                {t('candidates.clearFilters')}
              </Button>
            </Form.Item>
          </Space>
        </Form>
      </Card>
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      <Table<CandidateView>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('candidates.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total, [from, to]) => t('common.range', { from: format.number(from), to: format.number(to), total: format.number(total) }),
          onChange: (p, size) => update({ trang: p === 1 ? undefined : p, co: size === DEFAULT_PAGE_SIZE ? undefined : size }, false),
        }}
        columns={[
          { title: t('candidates.nameColumn'), dataIndex: 'name', render: (name: string, c) => <Link to={ROUTES.candidate(c.id)}>{name}</Link> },
          { title: t('candidate.kind'), dataIndex: 'kind', render: (v: string) => label('kind', v), width: 120 },
          { title: t('candidate.field'), dataIndex: 'field', render: (v: string) => label('field', v), ellipsis: true },
          { title: t('candidate.year'), dataIndex: 'year', width: 80 },
          { title: t('candidate.unit'), dataIndex: ['unit', 'name'], ellipsis: true },
          { title: t('candidate.state'), dataIndex: 'state', render: (_: string, c) => <StateTag state={c.state} />, width: 190 },
          { title: t('candidate.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => format.date(v), width: 120 },
        ]}
      />
    </Page>
  );
}
