/**
 * The historical import (the report's table as CSV or Excel) and what each import found, in plain words: lines
 * read, blank cells (unknown, not 0), the rows' sums against the totals the source states, years taken over from
 * earlier imports, and years that also have exemplars in the system.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, Modal, Progress, Space, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { CountInput } from '../../components/CountInput';
import { ActorName, usePersonName } from '../../components/RecordContent';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportReport, ImportResult, ImportSummary } from '#contracts';
import { api, ApiError, uploadWithProgress, type Progress as TransferProgress } from '../../api/client';

/** A report as an upload answers it (saying whether the file was new) or as the list shows it. */
type ShownReport = ImportReport & Partial<Pick<ImportResult, 'created' | 'statedTotalsIgnored'>>;
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';

interface ParseError {
  line: number | null;
  column: string | null;
  value?: string;
  message: string;
  messageEn: string;
}

export function ImportReportView({ report }: { report: ShownReport }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  const personName = usePersonName();
  const differing = report.totals.some((x) => x.difference !== null && x.difference !== 0);
  return (
    <div data-testid="import-report">
      <Alert
        type={report.blankCells.length > 0 || differing || report.conflictingLiveYears.length > 0 ? 'warning' : 'success'}
        showIcon
        title={words(report.message)}
        style={{ marginBottom: 12 }}
      />
      {report.created === false && <Alert type="info" showIcon title={t('imports.already')} style={{ marginBottom: 12 }} />}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'file', label: t('imports.file'), children: report.import.fileName },
          { key: 'jurisdiction', label: t('imports.jurisdiction'), children: report.import.jurisdiction ?? t('imports.thisProvince') },
          { key: 'by', label: t('imports.importedBy'), children: t('candidate.createdByValue', { by: personName(report.people, report.import.importedBy), at: format.dateTime(report.import.importedAt) }) },
          { key: 'rows', label: t('imports.rows'), children: format.number(report.rows) },
          { key: 'years', label: t('imports.years'), children: report.years.length ? `${report.years[0]}–${report.years.at(-1)}` : '—' },
          { key: 'sha', label: t('evidence.sha256'), children: <Typography.Text code copyable={{ text: report.import.sha256, tooltips: [t('common.copy'), t('common.copied')] }}>{report.import.sha256.slice(0, 16)}…</Typography.Text>, span: 'filled' },
        ]}
      />
      <Typography.Title level={4} className="section-heading" style={{ marginTop: 12 }}>
        {t('imports.reconciliation')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="column"
        pagination={false}
        dataSource={report.totals}
        data-testid="reconciliation"
        columns={[
          { title: t('imports.column'), dataIndex: 'label', render: (v: { vi: string; en: string }) => words(v) },
          { title: t('imports.rowsSum'), dataIndex: 'rowsSum', align: 'right', render: (v: number) => format.number(v) },
          { title: t('imports.blankCells'), dataIndex: 'blankCells', align: 'right', render: (v: number) => format.number(v) },
          { title: t('imports.stated'), dataIndex: 'stated', align: 'right', render: (v: number | null) => (v === null ? t('imports.notStated') : format.number(v)) },
          {
            title: t('imports.difference'),
            dataIndex: 'difference',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : v === 0 ? <Tag color="green">{t('imports.matches')}</Tag> : <Tag color="red">{format.number(v)}</Tag>),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
        {t('imports.differenceHint')}
      </Typography.Paragraph>
      {report.blankCells.length > 0 && (
        <>
          <Typography.Title level={4} className="section-heading">
            {t('imports.blankTitle', { count: report.blankCells.length })}
          </Typography.Title>
          <ul className="plain-list">
            {report.blankCells.map((b) => (
              <li key={`${b.line}-${b.column}`}>{t('imports.blankLine', { line: b.line, year: b.year, field: b.fieldLabel ? words(b.fieldLabel) : b.field, column: words(b.columnLabel) })}</li>
            ))}
          </ul>
        </>
      )}
      {report.replacedYears.length > 0 && <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('imports.replaced', { years: report.replacedYears.map((y) => y.year).join(', ') })} />}
      {report.supersededYears.length > 0 && <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('imports.superseded', { years: report.supersededYears.map((y) => y.year).join(', ') })} />}
      {report.conflictingLiveYears.length > 0 && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('imports.conflicts', { years: report.conflictingLiveYears.join(', ') })} />}
    </div>
  );
}

function ImportForm({ onDone }: { onDone(report: ImportResult): void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const format = useFormat();
  const [form] = Form.useForm<{ files: UploadFile[]; statedCollective?: number; statedIndividual?: number; jurisdiction?: string }>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [lineErrors, setLineErrors] = useState<ParseError[]>([]);
  const [progress, setProgress] = useState<TransferProgress | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Form
      form={form}
      layout="vertical"
      name="statistics-import"
      disabled={busy}
      onFinish={async (values) => {
        const file = values.files?.[0]?.originFileObj;
        if (!file) return;
        setBusy(true);
        setError(null);
        setLineErrors([]);
        setProgress({ loaded: 0, total: file.size });
        const body = new FormData();
        body.append('file', file, file.name);
        if (values.statedCollective !== undefined && values.statedCollective !== null) body.append('statedCollective', String(values.statedCollective));
        if (values.statedIndividual !== undefined && values.statedIndividual !== null) body.append('statedIndividual', String(values.statedIndividual));
        if (values.jurisdiction?.trim()) body.append('jurisdiction', values.jurisdiction.trim());
        try {
          const { body: report } = await uploadWithProgress<ImportResult>('/api/statistics/imports', body, setProgress);
          void message.success(t(report.created === false ? 'imports.already' : 'imports.done'));
          form.resetFields();
          onDone(report);
        } catch (e) {
          if (e instanceof ApiError && e.code === 'IMPORT_FILE_INVALID') {
            setLineErrors((e.body?.errors as unknown as ParseError[] | undefined) ?? []);
            form.setFields([{ name: 'files', errors: [e.words(i18n.language)] }]);
          } else {
            setError(applyServerErrors(form, e, t, i18n.language, { known: ['files', 'statedCollective', 'statedIndividual', 'jurisdiction'], rename: { file: 'files' } }));
          }
        } finally {
          setBusy(false);
          setProgress(null);
        }
      }}
    >
      <Typography.Paragraph>{t('imports.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form.Item
        name="files"
        label={t('imports.chooseFile')}
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
        rules={[{ required: true, type: 'array', min: 1, message: t('imports.fileRequired') }]}
      >
        <Upload.Dragger accept=".csv,.xlsx" maxCount={1} beforeUpload={() => false} aria-label={t('imports.chooseFile')}>
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p className="ant-upload-text">{t('evidence.dropHere')}</p>
          <p className="ant-upload-hint">{t('imports.layout')}</p>
        </Upload.Dragger>
      </Form.Item>
      {lineErrors.length > 0 && (
        <Table<ParseError>
          size="small"
          style={{ marginBottom: 16 }}
          rowKey={(r) => `${r.line}-${r.column}-${r.message}`}
          pagination={false}
          dataSource={lineErrors}
          data-testid="import-errors"
          columns={[
            { title: t('imports.line'), dataIndex: 'line', width: 80, render: (v: number | null) => v ?? '—' },
            { title: t('imports.column'), dataIndex: 'column', width: 140, render: (v: string | null) => v ?? '—' },
            { title: t('imports.problem'), key: 'message', render: (_: unknown, r) => (i18n.language === 'en' ? r.messageEn : r.message) },
          ]}
        />
      )}
      <Space wrap size={[16, 0]} align="start">
        <Form.Item name="statedCollective" label={t('imports.statedCollective')} extra={t('imports.statedHint')}>
          <CountInput min={0} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="statedIndividual" label={t('imports.statedIndividual')}>
          <CountInput min={0} style={{ width: 180 }} />
        </Form.Item>
      </Space>
      <Form.Item name="jurisdiction" label={t('imports.jurisdictionField')} extra={t('imports.jurisdictionHint')} rules={[{ max: 200, message: t('validation.max', { count: 200 }) }]}>
        <Input maxLength={200} style={{ maxWidth: 420 }} placeholder={t('imports.jurisdictionPlaceholder')} />
      </Form.Item>
      {progress && (
        <div role="status" style={{ marginBottom: 12 }}>
          <Progress percent={progress.total ? Math.round((progress.loaded / progress.total) * 100) : 0} status="active" />
          <Typography.Text type="secondary">
            {progress.total && progress.loaded >= progress.total ? t('imports.checking') : t('imports.uploading', { loaded: format.bytes(progress.loaded), total: format.bytes(progress.total ?? 0) })}
          </Typography.Text>
        </div>
      )}
      <div>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('imports.submit')}
        </Button>
      </div>
    </Form>
  );
}

export function ImportSection({ mayImport, onImported }: { mayImport: boolean; onImported(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useAsync((signal) => api.get('/api/statistics/imports', { signal }), []);
  const [latest, setLatest] = useState<ImportResult | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [naming, setNaming] = useState<ImportSummary | null>(null);
  const viewed = useAsync((signal) => (viewing ? api.get('/api/statistics/imports/{id}', { path: { id: viewing }, signal }) : Promise.resolve(null)), [viewing]);
  return (
    <Card title={<h2 className="card-heading">{t('imports.title')}</h2>} data-testid="imports">
      {mayImport && (
        <ImportForm
          onDone={(report) => {
            setLatest(report);
            list.reload();
            onImported();
          }}
        />
      )}
      {latest && (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={3} className="section-heading">
            {t('imports.reportTitle')}
          </Typography.Title>
          <ImportReportView report={latest} />
        </div>
      )}
      <Typography.Title level={3} className="section-heading" style={{ marginTop: 16 }}>
        {t('imports.history')}
      </Typography.Title>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      <Table<ImportSummary>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('imports.none') }}
        scroll={{ x: 920 }}
        columns={[
          { title: t('imports.file'), dataIndex: 'fileName' },
          { title: t('imports.jurisdiction'), dataIndex: 'jurisdiction', width: 200, render: (v: string | null) => v ?? t('imports.thisProvince') },
          { title: t('imports.years'), key: 'years', width: 120, render: (_: unknown, r) => (r.yearFrom ? `${r.yearFrom}–${r.yearTo}` : '—') },
          { title: t('imports.rows'), dataIndex: 'rows', width: 90, align: 'right', render: (v: number) => format.number(v) },
          { title: t('imports.importedBy'), key: 'by', width: 220, render: (_: unknown, r) => <><ActorName actor={r.importedBy} people={list.data?.people} /><br /><Typography.Text type="secondary">{format.dateTime(r.importedAt)}</Typography.Text></> },
          {
            title: t('common.actions'),
            key: 'view',
            width: 140,
            render: (_: unknown, r) => (
              <Space wrap size={4}>
                <Button size="small" onClick={() => setViewing(r.id)} aria-label={t('imports.viewNamed', { name: r.fileName })}>
                  {t('imports.view')}
                </Button>
                {mayImport && r.jurisdiction === null && (
                  <Button size="small" onClick={() => setNaming(r)} aria-label={t('imports.nameJurisdictionOf', { name: r.fileName })}>
                    {t('imports.nameJurisdiction')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <JurisdictionDialog
        batch={naming}
        onClose={() => setNaming(null)}
        onDone={() => {
          setNaming(null);
          list.reload();
          onImported();
        }}
      />
      <Modal open={viewing !== null} title={t('imports.reportTitle')} onCancel={() => setViewing(null)} footer={<Button onClick={() => setViewing(null)}>{t('common.close')}</Button>} width={820} destroyOnHidden>
        {viewed.error ? <LoadError error={viewed.error} /> : null}
        {viewed.data && <ImportReportView report={viewed.data} />}
      </Modal>
    </Card>
  );
}

/** Records, once, whose history an earlier batch is (e.g. the former Bắc Giang's table imported before the merger). */
function JurisdictionDialog({ batch, onClose, onDone }: { batch: ImportSummary | null; onClose(): void; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ jurisdiction: string }>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={batch !== null}
      title={t('imports.nameJurisdictionTitle', { name: batch?.fileName ?? '' })}
      onCancel={onClose}
      okText={t('imports.nameJurisdiction')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="import-jurisdiction"
        disabled={busy}
        onFinish={async ({ jurisdiction }) => {
          if (!batch) return;
          setBusy(true);
          setError(null);
          try {
            await api.post('/api/statistics/imports/{id}/jurisdiction', { jurisdiction: jurisdiction.trim() }, { path: { id: batch.id } });
            void message.success(t('imports.jurisdictionRecorded'));
            form.resetFields();
            onDone();
          } catch (e) {
            setError(applyServerErrors(form, e, t, i18n.language, { known: ['jurisdiction'] }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Typography.Paragraph>{t('imports.nameJurisdictionIntro')}</Typography.Paragraph>
        <ErrorAlert error={error} />
        <Form.Item name="jurisdiction" label={t('imports.jurisdictionField')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200, message: t('validation.max', { count: 200 }) }]}>
          <Input maxLength={200} placeholder={t('imports.jurisdictionPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
