/**
 * Backups (sao lưu), for administrators: where archives go, whether the schedule runs (and why not), the last run
 * (a failed one stays shown in red until a run succeeds), the archives in the folder, and making one now with a
 * passphrase; each archive can be downloaded (recorded in the audit trail). Restoring is a command (README), into an empty instance: the screen says how.
 */
import { useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Descriptions, Empty, Form, Grid, Input, List, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BackupRunView, BackupsOverview } from '#contracts';
import { api } from '../../api/client';
import { LoadError } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { Page } from '../../components/Page';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

type BackupArchiveView = BackupsOverview['archives'][number];

function RunLine({ run }: { run: BackupRunView }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Space wrap>
      <Tag color={run.status === 'MADE' ? 'green' : 'red'}>{t(`backups.status.${run.status}`)}</Tag>
      <span>{f.dateTime(run.at)}</span>
      <span>{run.trigger === 'SCHEDULED' ? t('backups.bySchedule') : (run.actorName ?? t('backups.byAdministrator'))}</span>
      {run.file && <Typography.Text code style={{ overflowWrap: 'anywhere' }}>{run.file}</Typography.Text>}
      {run.bytes !== null && <span>{f.bytes(run.bytes)}</span>}
    </Space>
  );
}

/**
 * Why a run failed. A refusal of the product's own (BACKUP_…) already reads in Vietnamese; a failure of the system
 * underneath (a disk, a folder, a bucket) is said in words, its technical text kept below for the server's administrator.
 */
function FailureText({ run }: { run: BackupRunView }) {
  const { t } = useTranslation();
  if (run.errorCode !== 'BACKUP_RUN_FAILED') return <span>{run.message}</span>;
  return (
    <div>
      <div>{t('backups.systemFailure')}</div>
      {run.message && (
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
          {t('backups.technicalDetail', { message: run.message })}
        </Typography.Text>
      )}
    </div>
  );
}

function DownloadButton({ file }: { file: string }) {
  const { t } = useTranslation();
  return (
    <Button size="small" icon={<DownloadOutlined />} href={`/api/backups/archives/${encodeURIComponent(file)}`} download={file} data-testid="download-backup" aria-label={t('backups.downloadFile', { file })}>
      {t('backups.download')}
    </Button>
  );
}

/**
 * The archives in the folder: a table on a wide screen; on a phone a list, each archive's file name on one line
 * (cut with an ellipsis, the whole name in a tooltip) above its date, size and download, so that the name never
 * wraps a character per line in a squeezed column.
 */
function Archives({ archives }: { archives: BackupArchiveView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const screens = Grid.useBreakpoint();
  const empty = <Empty description={t('backups.noArchives')} />;
  if (!screens.md) {
    return (
      <List<BackupArchiveView>
        size="small"
        dataSource={archives}
        locale={{ emptyText: empty }}
        pagination={archives.length > 10 ? { pageSize: 10, size: 'small' } : false}
        renderItem={(a) => (
          <List.Item key={a.file} data-testid="backup-archive" style={{ display: 'block' }}>
            <Typography.Text code ellipsis={{ tooltip: a.file }} style={{ display: 'block', maxWidth: '100%' }} data-testid="backup-archive-file">
              {a.file}
            </Typography.Text>
            <Space wrap size={[12, 4]} style={{ marginTop: 4 }}>
              <Typography.Text type="secondary">{f.dateTime(a.createdAt)}</Typography.Text>
              <Typography.Text type="secondary">{f.bytes(a.bytes)}</Typography.Text>
              <DownloadButton file={a.file} />
            </Space>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<BackupArchiveView>
      rowKey="file"
      size="small"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={archives}
      locale={{ emptyText: empty }}
      columns={[
        { title: t('backups.file'), dataIndex: 'file', ellipsis: { showTitle: false }, render: (v: string) => <Typography.Text code ellipsis={{ tooltip: v }} data-testid="backup-archive-file">{v}</Typography.Text> },
        { title: t('backups.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => f.dateTime(v) },
        { title: t('backups.size'), dataIndex: 'bytes', width: 110, align: 'right', render: (v: number) => f.bytes(v) },
        { title: t('backups.download'), dataIndex: 'file', key: 'download', width: 140, render: (v: string) => <DownloadButton file={v} /> },
      ]}
    />
  );
}

export function BackupsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  // On a phone each label stands above its value: beside it, the value's column is squeezed to a few characters.
  const screens = Grid.useBreakpoint();
  const state = useAsync((signal) => api.get('/api/backups', { signal }), []);
  const data: BackupsOverview | undefined = state.data;
  const failing = data?.lastRun?.status === 'FAILED';
  return (
    <Page
      title={t('backups.title')}
      subtitle={t('backups.subtitle')}
      extra={
        <Button type="primary" data-testid="make-backup" disabled={!data?.directory} onClick={() => setOpen(true)}>
          {t('backups.make')}
        </Button>
      }
    >
      {state.error ? (
        <LoadError error={state.error} onRetry={state.reload} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {failing && data?.lastRun && (
            <Alert type="error" showIcon title={t('backups.failedTitle')} description={<Space direction="vertical"><RunLine run={data.lastRun} /><FailureText run={data.lastRun} /></Space>} />
          )}
          {data && !data.schedule.enabled && <Alert type="warning" showIcon title={t('backups.scheduleOff')} description={data.schedule.reasonCode ? t(`backups.scheduleReason.${data.schedule.reasonCode}`) : data.schedule.reason} />}
          <Card title={t('backups.status.title')} loading={state.loading && !data}>
            {data && (
              <Descriptions column={{ xs: 1, md: 2 }} size="small" layout={screens.md ? 'horizontal' : 'vertical'}>
                <Descriptions.Item label={t('backups.directory')} span={screens.md ? 2 : 1}>{data.directory ? <Typography.Text code style={{ overflowWrap: 'anywhere' }}>{data.directory}</Typography.Text> : t('backups.noDirectory')}</Descriptions.Item>
                <Descriptions.Item label={t('backups.schedule')}>
                  {data.schedule.enabled ? t('backups.every', { hours: data.schedule.intervalHours }) : t('backups.off')}
                </Descriptions.Item>
                <Descriptions.Item label={t('backups.retention')}>{t('backups.retentionRule', data.schedule.retention)}</Descriptions.Item>
                <Descriptions.Item label={t('backups.lastRun')}>
                  {data.lastRun ? (
                    <span data-testid="backup-last-run">
                      <RunLine run={data.lastRun} />
                    </span>
                  ) : (
                    t('backups.never')
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('backups.lastSuccess')}>{data.lastSuccess ? <RunLine run={data.lastSuccess} /> : t('backups.never')}</Descriptions.Item>
              </Descriptions>
            )}
          </Card>
          <Card title={t('backups.archives')}>
            <Archives archives={data?.archives ?? []} />
          </Card>
          <Card title={t('backups.restoreTitle')}>
            <Typography.Paragraph>{t('backups.restoreText')}</Typography.Paragraph>
            <Typography.Paragraph>
              <Typography.Text code>BACKUP_PASSPHRASE=… node dist/apps/api/src/backups/cli.js restore tệp.dth-backup.tar</Typography.Text>
            </Typography.Paragraph>
          </Card>
        </Space>
      )}
      <FormDialog<{ passphrase: string; confirm: string }>
        open={open}
        name="make-backup"
        title={t('backups.make')}
        okText={t('backups.makeOk')}
        known={['passphrase']}
        intro={t('backups.makeIntro')}
        warning={t('backups.passphraseWarning')}
        submit={(v) => api.post('/api/backups', { passphrase: v.passphrase })}
        onClose={() => setOpen(false)}
        onDone={(result) => {
          setOpen(false);
          message.success(t('backups.made', { file: (result as BackupRunView).file }));
          state.reload();
        }}
      >
        <Form.Item name="passphrase" label={t('backups.passphrase')} extra={t('backups.passphraseHint')} rules={[{ required: true, min: 12, message: t('backups.passphraseHint') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('backups.confirm')}
          dependencies={['passphrase']}
          rules={[{ required: true, message: t('validation.required') }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('passphrase') ? Promise.resolve() : Promise.reject(new Error(t('backups.mismatch')))) })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </FormDialog>
    </Page>
  );
}
