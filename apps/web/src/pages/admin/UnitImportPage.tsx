/**
 * Administrators: importing a unit tree from a CSV or Excel file in three steps — choose the file, read the
 * preview (what would be created, renamed or left unchanged, and every error by line and column; nothing is
 * written), then apply exactly that plan as one change. The earlier imports are listed below.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Popconfirm, Space, Statistic, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { UnitImportItem, UnitImportLineError, UnitImportPreview, UnitImportResult, UnitImportSummary } from '#contracts';
import { api, uploadWithProgress } from '../../api/client';
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { ActorName } from '../../components/RecordContent';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { describeError, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';

const ACTION_COLOURS: Record<UnitImportItem['action'], string> = { CREATE: 'green', RENAME: 'gold', UNCHANGED: 'default' };

function ErrorsTable({ errors }: { errors: UnitImportLineError[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table<UnitImportLineError>
      size="small"
      rowKey={(r, i) => `${r.line}-${r.column}-${i}`}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      dataSource={errors}
      data-testid="unit-import-errors"
      scroll={{ x: 560 }}
      columns={[
        { title: t('unitImport.line'), dataIndex: 'line', width: 70, render: (v: number | null) => v ?? '—' },
        { title: t('unitImport.column'), dataIndex: 'column', width: 170, render: (v: string | null) => v ?? '—' },
        { title: t('unitImport.problem'), key: 'message', render: (_: unknown, r) => (i18n.language === 'en' ? r.messageEn : r.message) },
      ]}
    />
  );
}

function ItemsTable({ items }: { items: UnitImportItem[] }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  return (
    <Table<UnitImportItem>
      size="small"
      rowKey="line"
      dataSource={items}
      data-testid="unit-import-items"
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 1080 }}
      columns={[
        { title: t('unitImport.line'), dataIndex: 'line', width: 64 },
        {
          title: t('unitImport.action'),
          dataIndex: 'action',
          width: 110,
          filters: (['CREATE', 'RENAME', 'UNCHANGED'] as const).map((a) => ({ text: t(`unitImport.actions.${a}`), value: a })),
          onFilter: (value, r) => r.action === value,
          render: (v: UnitImportItem['action']) => <Tag color={ACTION_COLOURS[v]}>{t(`unitImport.actions.${v}`)}</Tag>,
        },
        { title: t('units.code'), dataIndex: 'code', width: 150, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        {
          title: t('units.name'),
          key: 'name',
          width: 280,
          render: (_: unknown, r) =>
            r.action === 'RENAME' ? (
              <span>
                <Typography.Text delete type="secondary">
                  {r.previousName}
                </Typography.Text>{' '}
                → {r.name}
              </span>
            ) : (
              r.name
            ),
        },
        { title: t('units.level'), key: 'level', width: 150, render: (_: unknown, r) => words(r.levelLabel) },
        { title: t('units.sector'), key: 'sector', width: 170, render: (_: unknown, r) => words(r.sectorLabel) },
        { title: t('unitImport.parentCode'), dataIndex: 'parentCode', width: 140, render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

export function UnitImportPage() {
  const { t, i18n } = useTranslation();
  const { words } = useLabels();
  const { message } = AntApp.useApp();
  const format = useFormat();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [preview, setPreview] = useState<UnitImportPreview | null>(null);
  const [previewed, setPreviewed] = useState<File | null>(null);
  const [result, setResult] = useState<UnitImportResult | null>(null);
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const list = useAsync((signal) => api.get('/api/unit-imports', { signal }), []);

  const send = async (path: string, file: File, extra: Record<string, string> = {}) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(extra)) body.append(k, v);
    body.append('file', file, file.name);
    return uploadWithProgress<unknown>(path, body);
  };

  const runPreview = async () => {
    const file = files[0]?.originFileObj as File | undefined;
    if (!file) {
      setError({ message: t('unitImport.fileRequired'), details: [] });
      return;
    }
    setBusy('preview');
    setError(null);
    setResult(null);
    try {
      const { body } = await send('/api/unit-imports/preview', file);
      setPreview(body as UnitImportPreview);
      setPreviewed(file);
    } catch (e) {
      setPreview(null);
      setError(describeError(e, t, i18n.language));
    } finally {
      setBusy(null);
    }
  };

  const runApply = async () => {
    if (!preview || !previewed) return;
    setBusy('apply');
    setError(null);
    try {
      const { body } = await send('/api/unit-imports', previewed, { planDigest: preview.planDigest });
      const applied = body as UnitImportResult;
      setResult(applied);
      setPreview(null);
      setPreviewed(null);
      setFiles([]);
      list.reload();
      void message.success(words(applied.message));
    } catch (e) {
      setError(describeError(e, t, i18n.language));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title={t('unitImport.title')} subtitle={t('unitImport.subtitle')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={<h2 className="card-heading">{t('unitImport.step1')}</h2>}>
          <Typography.Paragraph>{t('unitImport.intro')}</Typography.Paragraph>
          <Typography.Paragraph>
            <a href="/api/unit-imports/template" download="mau-nhap-don-vi.csv">
              <DownloadOutlined aria-hidden /> {t('unitImport.template')}
            </a>
          </Typography.Paragraph>
          <ErrorAlert error={error} onClose={() => setError(null)} />
          <Upload.Dragger
            accept=".csv,.xlsx"
            maxCount={1}
            fileList={files}
            beforeUpload={() => false}
            onChange={(e) => {
              setFiles(e.fileList.slice(-1));
              setPreview(null);
              setPreviewed(null);
            }}
            aria-label={t('unitImport.chooseFile')}
            disabled={busy !== null}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('evidence.dropHere')}</p>
            <p className="ant-upload-hint">{t('unitImport.layout')}</p>
          </Upload.Dragger>
          <div style={{ marginTop: 12 }}>
            <Button type="primary" onClick={() => void runPreview()} loading={busy === 'preview'} disabled={files.length === 0 || busy !== null}>
              {t('unitImport.preview')}
            </Button>
          </div>
        </Card>

        {preview && (
          <Card title={<h2 className="card-heading">{t('unitImport.step2', { file: preview.fileName })}</h2>} data-testid="unit-import-preview">
            <Alert type={preview.errors.length ? 'error' : preview.canApply ? 'info' : 'success'} showIcon title={words(preview.message)} style={{ marginBottom: 12 }} />
            <Flex gap={24} wrap style={{ marginBottom: 12 }}>
              <Statistic title={t('unitImport.actions.CREATE')} value={preview.counts.create} formatter={(v) => format.number(Number(v))} />
              <Statistic title={t('unitImport.actions.RENAME')} value={preview.counts.rename} formatter={(v) => format.number(Number(v))} />
              <Statistic title={t('unitImport.actions.UNCHANGED')} value={preview.counts.unchanged} formatter={(v) => format.number(Number(v))} />
              <Statistic title={t('unitImport.errors')} value={preview.errors.length} formatter={(v) => format.number(Number(v))} />
            </Flex>
            {preview.errors.length > 0 && (
              <>
                <Typography.Title level={3} className="section-heading">
                  {t('unitImport.errorsTitle', { count: preview.errors.length })}
                </Typography.Title>
                <ErrorsTable errors={preview.errors} />
              </>
            )}
            {preview.items.length > 0 && (
              <>
                <Typography.Title level={3} className="section-heading" style={{ marginTop: 12 }}>
                  {t('unitImport.itemsTitle')}
                </Typography.Title>
                <ItemsTable items={preview.items} />
              </>
            )}
            <div style={{ marginTop: 12 }}>
              <Popconfirm
                title={t('unitImport.confirmTitle')}
                description={t('unitImport.confirm', { create: preview.counts.create, rename: preview.counts.rename })}
                okText={t('unitImport.apply')}
                cancelText={t('common.cancel')}
                onConfirm={() => void runApply()}
                disabled={!preview.canApply}
              >
                <Button type="primary" disabled={!preview.canApply || busy !== null} loading={busy === 'apply'}>
                  {t('unitImport.apply')}
                </Button>
              </Popconfirm>
              {!preview.canApply && (
                <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                  {preview.errors.length ? t('unitImport.fixFirst') : t('unitImport.nothingToDo')}
                </Typography.Text>
              )}
            </div>
          </Card>
        )}

        {result && (
          <Card title={<h2 className="card-heading">{t('unitImport.step3')}</h2>} data-testid="unit-import-result">
            <Alert type="success" showIcon title={words(result.message)} style={{ marginBottom: 12 }} />
            <ItemsTable items={result.items.filter((i) => i.action !== 'UNCHANGED')} />
          </Card>
        )}

        <Card title={<h2 className="card-heading">{t('unitImport.history')}</h2>}>
          {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
          <Table<UnitImportSummary>
            size="small"
            rowKey="id"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('unitImport.none') }}
            scroll={{ x: 640 }}
            data-testid="unit-import-history"
            columns={[
              { title: t('imports.file'), dataIndex: 'fileName' },
              { title: t('unitImport.actions.CREATE'), key: 'create', width: 90, align: 'right', render: (_: unknown, r) => format.number(r.counts.create) },
              { title: t('unitImport.actions.RENAME'), key: 'rename', width: 90, align: 'right', render: (_: unknown, r) => format.number(r.counts.rename) },
              { title: t('unitImport.actions.UNCHANGED'), key: 'unchanged', width: 90, align: 'right', render: (_: unknown, r) => format.number(r.counts.unchanged) },
              { title: t('imports.importedBy'), key: 'by', width: 220, render: (_: unknown, r) => <><ActorName actor={r.importedBy} people={list.data?.people} /><br /><Typography.Text type="secondary">{format.dateTime(r.importedAt)}</Typography.Text></> },
            ]}
          />
        </Card>
      </Space>
    </Page>
  );
}
