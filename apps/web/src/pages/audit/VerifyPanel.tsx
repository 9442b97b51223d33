/**
 * "Kiểm tra toàn vẹn": runs the verification of the whole audit trail (optionally against checkpoint files the
 * auditor kept outside the system) and explains the result in words: chains, replays through the statechart,
 * signed checkpoints, and each problem found with where it is.
 */
import { useRef, useState } from 'react';
import { Alert, Button, Card, Collapse, Descriptions, Progress, Result, Space, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AuditProblem, VerificationReport } from '#contracts';
import { api, downloadFile } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLabels } from '../../domain/labels';
import { formatNumber, useFormat } from '../../lib/format';
import { describeError, type GeneralError } from '../../lib/serverErrors';
import { useElapsed } from './useElapsed';

function Problems({ problems, notListed }: { problems: AuditProblem[]; notListed: number }) {
  const { t, i18n } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <>
      <Table<AuditProblem>
        size="small"
        rowKey={(p, i) => `${p.kind}-${p.stream ?? ''}-${p.seq ?? ''}-${i}`}
        pagination={false}
        dataSource={problems}
        scroll={{ x: 720 }}
        columns={[
          { title: t('verify.problem'), key: 'words', render: (_: unknown, p) => (i18n.language === 'en' ? p.messageEn : p.message) },
          { title: t('verify.where'), key: 'where', width: 300, render: (_: unknown, p) => [p.table ? `${p.table} ${JSON.stringify(p.rowKey ?? {})}` : null, p.stream, p.seq !== undefined ? t('verify.seq', { seq: p.seq }) : null, p.treeSize !== undefined ? t('verify.treeSize', { size: p.treeSize }) : null].filter(Boolean).join(' · ') || '—' },
          { title: t('verify.code'), dataIndex: 'kind', width: 220, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        ]}
      />
      {notListed > 0 && <Typography.Paragraph type="secondary">{t('verify.notListed', { count: notListed })}</Typography.Paragraph>}
    </>
  );
}

export function ReportView({ report }: { report: VerificationReport }) {
  const { t } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  const { chains, replay, checkpoints } = report;
  return (
    <div data-testid="verify-report" data-ok={String(report.ok)}>
      <Result
        status={report.ok ? 'success' : 'error'}
        title={report.ok ? t('verify.intact') : t('verify.broken')}
        subTitle={words(report.summary)}
        style={{ padding: '16px 0' }}
      />
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          {
            key: 'chains',
            label: t('verify.chains'),
            children: (
              <>
                {t('verify.chainsWords', { streams: format.number(chains.checked), records: format.number(report.records) })}{' '}
                {chains.broken === 0 ? <Tag color="green">{t('verify.noneBroken')}</Tag> : <Tag color="red">{t('verify.brokenCount', { count: chains.broken })}</Tag>}
              </>
            ),
          },
          {
            key: 'replay',
            label: t('verify.replay'),
            children: (
              <>
                {t('verify.replayWords', { candidates: format.number(replay.candidates), replayed: format.number(replay.replayed), skipped: format.number(replay.skipped) })}{' '}
                {replay.mismatches === 0 ? <Tag color="green">{t('verify.allMatch')}</Tag> : <Tag color="red">{t('verify.mismatches', { count: replay.mismatches })}</Tag>}
                {replay.skipped > 0 && <div><Typography.Text type="secondary">{t('verify.skippedHint')}</Typography.Text></div>}
              </>
            ),
          },
          {
            key: 'checkpoints',
            label: t('verify.checkpoints'),
            children: (
              <>
                {checkpoints.stored === 0 ? t('verify.noCheckpoints') : t('verify.checkpointsWords', { valid: checkpoints.valid, stored: checkpoints.stored, leaves: format.number(checkpoints.leaves) })}{' '}
                {checkpoints.problems.length === 0 ? null : <Tag color="red">{t('verify.checkpointProblems', { count: checkpoints.problems.length + checkpoints.notListed })}</Tag>}
                {checkpoints.recordsNotYetCovered > 0 && <div><Typography.Text type="secondary">{t('verify.notCovered', { count: checkpoints.recordsNotYetCovered })}</Typography.Text></div>}
                {checkpoints.latest && (
                  <div>
                    <Typography.Text type="secondary">{t('verify.latest', { size: format.number(checkpoints.latest.treeSize), at: format.dateTime(checkpoints.latest.createdAt), root: checkpoints.latest.rootHash.slice(0, 16) })}</Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          ...(report.supplied.length > 0
            ? [
                {
                  key: 'supplied',
                  label: t('verify.supplied'),
                  children: (
                    <ul className="plain-list">
                      {report.supplied.map((s, i) => (
                        <li key={`${s.rootHash ?? i}`}>
                          {t('verify.suppliedLine', { size: s.treeSize ?? '?', at: s.createdAt ? format.dateTime(s.createdAt) : '?' })}{' '}
                          {s.ok ? <Tag color="green">{t('verify.suppliedOk')}</Tag> : <Tag color="red">{t('verify.suppliedBad')}</Tag>}
                          <Problems problems={s.problems} notListed={0} />
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
          { key: 'time', label: t('verify.duration'), children: t('verify.durationWords', { seconds: formatNumber(report.durationMs / 1000, format.language, 1), rate: format.number(report.recordsPerSecond), at: format.dateTime(report.finishedAt) }) },
        ]}
      />
      {!report.ok && (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={3} className="section-heading">
            {t('verify.problems')}
          </Typography.Title>
          <Problems problems={chains.problems} notListed={chains.notListed} />
          <Problems problems={checkpoints.problems} notListed={checkpoints.notListed} />
          <Problems problems={report.history.problems} notListed={report.history.notListed} />
          <Problems problems={replay.problems} notListed={replay.notListed} />
          <Problems problems={report.authentication.problems} notListed={report.authentication.notListed} />
          <Problems problems={report.coverage.problems} notListed={report.coverage.notListed} />
        </div>
      )}
    </div>
  );
}

export function VerifyPanel() {
  const { t, i18n } = useTranslation();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [report, setReport] = useState<VerificationReport | null>(null);
  const [error, setError] = useState<GeneralError | null>(null);
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const elapsed = useElapsed(running);

  const run = async () => {
    setRunning(true);
    setError(null);
    setReport(null);
    controller.current = new AbortController();
    try {
      const checkpoints: object[] = [];
      for (const file of files) {
        try {
          checkpoints.push(JSON.parse(await (file.originFileObj as File).text()) as object);
        } catch {
          throw new Error(t('verify.fileUnreadable', { name: file.name }));
        }
      }
      const result =
        checkpoints.length > 0
          ? await api.post('/api/audit/verify', { checkpoints })
          : await api.get('/api/audit/verify', { signal: controller.current.signal });
      setReport(result);
    } catch (e) {
      if ((e as Error).name === 'AbortError') setError({ message: t('verify.cancelled'), details: [] });
      else if (e instanceof Error && !('status' in e)) setError({ message: e.message, details: [] });
      else setError(describeError(e, t, i18n.language));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card title={<h2 className="card-heading">{t('verify.title')}</h2>} data-testid="verify">
      <Typography.Paragraph>{t('verify.intro')}</Typography.Paragraph>
      <Collapse
        ghost
        size="small"
        items={[
          {
            key: 'what',
            label: t('verify.whatTitle'),
            children: (
              <ul className="plain-list">
                {(t('verify.what', { returnObjects: true }) as string[]).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      <Space orientation="vertical" size="middle" style={{ width: '100%', marginTop: 8 }}>
        <div>
          <Typography.Text strong>{t('verify.keptFiles')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('verify.keptHint')}
          </Typography.Paragraph>
          <Upload accept=".json,application/json" multiple beforeUpload={() => false} fileList={files} onChange={({ fileList }) => setFiles(fileList)} disabled={running}>
            <Button>{t('verify.chooseKept')}</Button>
          </Upload>
        </div>
        <Space wrap>
          <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={run} loading={running} data-testid="verify-run">
            {t('verify.run')}
          </Button>
          {running && files.length === 0 && <Button onClick={() => controller.current?.abort()}>{t('verify.cancel')}</Button>}
          <Button
            icon={<DownloadOutlined />}
            onClick={async () => {
              try {
                await downloadFile('/api/audit/checkpoints/latest', { fallbackName: 'diem-kiem.json' });
              } catch (e) {
                setError(describeError(e, t, i18n.language));
              }
            }}
          >
            {t('verify.downloadLatest')}
          </Button>
        </Space>
        {running && (
          <div role="status" aria-live="polite">
            <Progress percent={100} status="active" showInfo={false} />
            <Typography.Text type="secondary">{t('verify.running', { seconds: elapsed })}</Typography.Text>
          </div>
        )}
        <ErrorAlert error={error} onClose={() => setError(null)} />
        {report && <ReportView report={report} />}
        {!report && !running && !error && <Alert type="info" showIcon title={t('verify.notRunYet')} />}
      </Space>
    </Card>
  );
}
