/**
 * Kiểm tra, giám sát: the audit trail by candidate, person, unit or review session within a period (paginated,
 * each record with who did what and when, the content, the hash chain and whether a signed checkpoint covers it),
 * the export bundle of exactly those records, and the verification of the whole trail.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Progress, Select, Space, Table, Tabs, Tag, TreeSelect, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AuditNames, TrailRecord } from '#contracts';
import type { CandidateState } from '#workflow';
import { api, ApiError, downloadFile, type Progress as TransferProgress } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { StateTag } from '../../components/StateTag';
import { ActorName, RecordContent } from '../../components/RecordContent';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { describeError, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';
import { useParamUpdater } from '../../lib/useParamUpdater';
import { loadUnitTree, toTreeData } from '../../lib/units';
import { VerifyPanel } from './VerifyPanel';

/** URL parameter → API filter. */
const FILTERS = { ho_so: 'candidateId', don_vi: 'unitId', phien: 'sessionId', nguoi: 'actor', tu: 'from', den: 'to' } as const;
type FilterParam = keyof typeof FILTERS;
const DEFAULT_PAGE_SIZE = 50;

/** What a record belongs to, by its name ("Phong trào «Đổi mới, sáng tạo…»"), with a link where the app has a page. */
function StreamCell({ stream, names }: { stream: string; names: AuditNames | undefined }) {
  const { t } = useTranslation();
  const [kind, ...rest] = stream.split(':');
  const id = rest.join(':');
  const refKind = kind === 'review-session' ? 'session' : kind!;
  const ref = names?.refs[`${refKind}:${id.toLowerCase()}`];
  if (ref) {
    const text = t(`record.ref.${refKind}`, { name: ref.name });
    if (kind === 'candidate') return <Link to={ROUTES.candidate(id)}>{text}</Link>;
    if (kind === 'review-session') return <Link to={ROUTES.session(id)}>{text}</Link>;
    return <span>{text}</span>;
  }
  return <span>{t(`audit.stream.${kind}`, { defaultValue: t('audit.stream.other') })}</span>;
}

function RecordDetail({ record, names }: { record: TrailRecord; names: AuditNames | undefined }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <RecordContent payload={record.payload} names={names} bordered />
      {record.evidence && record.evidence.length > 0 && (
        <div>
          <Typography.Text strong>{t('audit.evidenceBefore')}</Typography.Text>
          <ul className="plain-list">
            {record.evidence.map((e) => (
              <li key={e.evidenceId}>
                {e.fileName} — <Typography.Text code>{e.sha256}</Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Typography.Text type="secondary" className="history-hash">
        {t('audit.chain', { seq: record.seq, prev: record.prevHash ?? '—', hash: record.hash })}
      </Typography.Text>
      {/* For programs and auditors who check the hashes: the record exactly as stored, closed by default. */}
      <details className="raw-record">
        <summary>{t('audit.rawRecord')}</summary>
        <pre className="payload">{JSON.stringify({ stream: record.stream, eventType: record.eventType, actor: record.actor, payload: record.payload }, null, 2)}</pre>
      </details>
    </Space>
  );
}

function ExportButton({ filter }: { filter: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [progress, setProgress] = useState<TransferProgress | null>(null);
  const [error, setError] = useState<GeneralError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div>
      <Button
        icon={<DownloadOutlined />}
        loading={progress !== null}
        data-testid="audit-export"
        onClick={async () => {
          setError(null);
          setDone(null);
          setProgress({ loaded: 0, total: null });
          try {
            const result = await downloadFile('/api/audit/export', { query: filter, fallbackName: 'nhat-ky-kiem-toan.zip', onProgress: setProgress });
            setDone(t('audit.exported', { name: result.fileName, size: format.bytes(result.bytes) }));
          } catch (e) {
            setError(describeError(e, t, i18n.language));
          } finally {
            setProgress(null);
          }
        }}
      >
        {t('audit.export')}
      </Button>
      {progress && (
        <div role="status" style={{ marginTop: 8, maxWidth: 360 }}>
          <Progress percent={progress.total ? Math.round((progress.loaded / progress.total) * 100) : 100} status="active" showInfo={progress.total !== null} />
          <Typography.Text type="secondary">{progress.loaded === 0 ? t('audit.preparing') : t('audit.received', { size: format.bytes(progress.loaded) })}</Typography.Text>
        </div>
      )}
      {done && <Alert style={{ marginTop: 8 }} type="success" showIcon role="status" title={done} />}
      <ErrorAlert error={error} onClose={() => setError(null)} />
    </div>
  );
}

function TrailPanel() {
  const { t, i18n } = useTranslation();
  const { words, label } = useLabels();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const [candidateSearch, setCandidateSearch] = useState('');
  const filter = useMemo(() => {
    const out: Record<string, string> = {};
    for (const [param, apiName] of Object.entries(FILTERS)) {
      const value = params.get(param);
      if (value) out[apiName] = value;
    }
    return out;
  }, [params]);
  const page = Number(params.get('trang') ?? 1);
  const pageSize = Number(params.get('co') ?? DEFAULT_PAGE_SIZE);
  const { data, error, loading, reload } = useAsync((signal) => api.get('/api/audit/records', { query: { ...filter, page, pageSize }, signal }), [filter, page, pageSize]);
  const units = useAsync((signal) => loadUnitTree(signal), []);
  const sessions = useAsync((signal) => api.get('/api/review-sessions', { signal }), []);
  const candidates = useAsync(
    (signal) => api.get('/api/candidates', { query: { q: candidateSearch || undefined, pageSize: 20 }, signal }),
    [candidateSearch],
  );
  const chosenCandidate = useAsync((signal) => (filter.candidateId ? api.get('/api/candidates/{id}', { path: { id: filter.candidateId }, signal }) : Promise.resolve(null)), [filter.candidateId]);
  const candidateOptions = useMemo(() => {
    const list = [...(candidates.data?.items ?? [])];
    if (chosenCandidate.data && !list.some((c) => c.id === chosenCandidate.data!.id)) list.unshift(chosenCandidate.data);
    return list.map((c) => ({ value: c.id, label: `${c.name} (${c.unit?.name ?? ''}, ${c.year})` }));
  }, [candidates.data, chosenCandidate.data]);

  const updateParams = useParamUpdater();
  const update = (changes: Partial<Record<FilterParam | 'trang' | 'co', string | undefined>>) =>
    updateParams((next) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      // A new filter starts at its first page.
      if (!('trang' in changes)) next.delete('trang');
    });
  const filterError = error instanceof ApiError && error.fieldErrors.length > 0 ? error.fieldErrors.map((e) => (i18n.language === 'en' ? e.messageEn || e.message : e.message)).join(' ') : null;
  const day = (param: 'tu' | 'den'): Dayjs | null => (params.get(param) ? dayjs(params.get(param)) : null);
  const range: [Dayjs | null, Dayjs | null] | null = params.get('tu') || params.get('den') ? [day('tu'), day('den')] : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Form layout="vertical" role="search" aria-label={t('audit.filters')} className="filters">
          <Space wrap size={[16, 0]} align="start">
            <Form.Item label={t('audit.candidate')} htmlFor="audit-candidate">
              <Select
                id="audit-candidate"
                allowClear
                showSearch={{ filterOption: false, onSearch: (v) => setCandidateSearch(v.trim()) }}
                loading={candidates.loading}
                placeholder={t('audit.anyCandidate')}
                value={filter.candidateId}
                onChange={(v) => update({ ho_so: v })}
                options={candidateOptions}
                style={{ width: 300 }}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item label={t('audit.session')} htmlFor="audit-session">
              <Select
                id="audit-session"
                allowClear
                placeholder={t('audit.anySession')}
                value={filter.sessionId}
                onChange={(v) => update({ phien: v })}
                options={(sessions.data ?? []).map((s) => ({ value: s.id, label: `${s.title} (${s.year})` }))}
                style={{ width: 240 }}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item label={t('candidate.unit')} htmlFor="audit-unit">
              <TreeSelect
                id="audit-unit"
                allowClear
                treeDefaultExpandAll
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeData={toTreeData(units.data ?? [])}
                placeholder={t('audit.anyUnit')}
                value={filter.unitId}
                onChange={(v) => update({ don_vi: v })}
                style={{ width: 260 }}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item label={t('audit.actor')} htmlFor="audit-actor" extra={t('audit.actorHint')}>
              <Input.Search id="audit-actor" allowClear defaultValue={filter.actor} key={`actor-${filter.actor ?? ''}`} onSearch={(v) => update({ nguoi: v.trim() || undefined })} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item label={t('audit.period')} htmlFor="audit-period" validateStatus={filterError ? 'error' : undefined} help={filterError ?? undefined}>
              <DatePicker.RangePicker
                id="audit-period"
                format="DD/MM/YYYY"
                allowEmpty={[true, true]}
                value={range}
                placeholder={[t('audit.from'), t('audit.to')]}
                onChange={(dates) => update({ tu: dates?.[0]?.format('YYYY-MM-DD'), den: dates?.[1]?.format('YYYY-MM-DD') })}
              />
            </Form.Item>
            <Form.Item label=" ">
              <Button onClick={() => setParams(new URLSearchParams(), { replace: true })} disabled={Object.keys(filter).length === 0}>
                {t('candidates.clearFilters')}
              </Button>
            </Form.Item>
          </Space>
        </Form>
      </Card>
      <Space wrap align="start" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text>{data ? t('audit.total', { count: data.total, formatted: format.number(data.total) }) : ' '}</Typography.Text>
        <ExportButton filter={filter} />
      </Space>
      {error && !filterError ? <LoadError error={error} onRetry={reload} /> : null}
      <Table<TrailRecord>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('audit.empty') }}
        expandable={{ expandedRowRender: (r) => <RecordDetail record={r} names={data?.names} />, expandRowByClick: false }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total, [from, to]) => t('common.range', { from: format.number(from), to: format.number(to), total: format.number(total) }),
          onChange: (p, size) => update({ trang: p === 1 ? undefined : String(p), co: size === DEFAULT_PAGE_SIZE ? undefined : String(size) }),
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'occurredAt', width: 150, render: (v: string) => format.dateTime(v) },
          { title: t('audit.actorColumn'), dataIndex: 'actor', width: 200, render: (v: string) => <ActorName actor={v} names={data?.names} /> },
          {
            title: t('audit.what'),
            key: 'what',
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={2}>
                <span>{r.eventLabel ? words(r.eventLabel) : label('event', r.eventType) || t('history.unnamedEvent')}</span>
                {/* Each stream's states in the words of its own lifecycle (candidate, movement, review session). */}
                {r.toState && r.fromState !== r.toState && (
                  <span className="history-states">
                    {r.fromState ? r.stream.startsWith('candidate:') ? <StateTag state={r.fromState as CandidateState} /> : <Tag>{words(r.fromStateLabel) || t('audit.otherState')}</Tag> : null}
                    {r.fromState ? <span aria-label={t('history.to')}>→</span> : null}
                    {r.stream.startsWith('candidate:') ? <StateTag state={r.toState as CandidateState} /> : <Tag>{words(r.toStateLabel) || t('audit.otherState')}</Tag>}
                  </span>
                )}
              </Space>
            ),
          },
          { title: t('audit.belongsTo'), dataIndex: 'stream', width: 220, render: (v: string) => <StreamCell stream={v} names={data?.names} /> },
          {
            title: t('audit.record'),
            key: 'record',
            width: 210,
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={2}>
                <Typography.Text type="secondary" title={r.hash}>
                  {t('audit.seqHash', { seq: r.seq, hash: r.hash.slice(0, 10) })}
                </Typography.Text>
                {r.leafIndex === null ? <Tag>{t('audit.notCovered')}</Tag> : <Tag color="green">{t('audit.covered')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('xem') === 'kiem-tra' ? 'verify' : 'trail';
  return (
    <Page title={t('audit.title')} subtitle={t('audit.subtitle')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          if (key === 'verify') next.set('xem', 'kiem-tra');
          else next.delete('xem');
          setParams(next, { replace: true });
        }}
        items={[
          { key: 'trail', label: t('audit.trailTab'), children: <TrailPanel /> },
          { key: 'verify', label: t('audit.verifyTab'), children: <VerifyPanel /> },
        ]}
      />
    </Page>
  );
}
