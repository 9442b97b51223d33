/**
 * The digital signatures of an issued decision's documents (the decision, and each certificate it grants): who
 * signed, when, at which level, the certification authority the signer's certificate chains to, and whether the
 * signature was valid when recorded. The secretariat signs them all with the server's certificate (when one is
 * configured), or downloads the issued copy, signs it with the signer's own token and uploads the signed file;
 * a refusal names the field by its Vietnamese label.
 */
import { useState } from 'react';
import { Alert, Button, Form, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DecisionView, IssuedDocumentView } from '#contracts';
import { api } from '../../api/client';
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { useFormat } from '../../lib/format';
import { describeError, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';

/** A button whose words wrap on a phone instead of running past the screen's edge. */
const WRAPPING = { whiteSpace: 'normal', height: 'auto', maxWidth: '100%', textAlign: 'left' } as const;

/** The common name of an X.500 subject ("CN=Nguyễn Văn Mạnh, O=…" → "Nguyễn Văn Mạnh"). */
const commonName = (subject: string) => /(?:^|,\s*)CN=([^,]+)/.exec(subject)?.[1] ?? subject;

export function SignaturesPanel({ decision, canSign }: { decision: DecisionView; canSign: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const documents = useAsync((signal) => api.get('/api/decisions/{id}/signatures', { path: { id: decision.id }, signal }), [decision.id]);
  const capabilities = useAsync((signal) => api.get('/api/signing', { signal }), []);
  const [signing, setSigning] = useState(false);
  const [signError, setSignError] = useState<GeneralError | null>(null);
  const [uploading, setUploading] = useState(false);

  const rows = documents.data ?? [];
  const decisionRow = rows.find((d) => d.kind === 'DECISION');
  const unsigned = rows.length === 0 || rows.some((d) => !d.signature);
  const serverKey = capabilities.data?.serverKey ?? false;

  const signOnServer = async () => {
    setSigning(true);
    setSignError(null);
    try {
      await api.post('/api/decisions/{id}/signatures', {}, { path: { id: decision.id } });
      documents.reload();
    } catch (error) {
      setSignError(describeError(error, t, i18n.language));
    } finally {
      setSigning(false);
    }
  };

  const label = (d: IssuedDocumentView) => (d.kind === 'DECISION' ? t('signatures.decisionDoc', { number: d.reference }) : t('signatures.certificateDoc', { serial: d.reference }));

  return (
    <div data-testid={`signatures-${decision.id}`}>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        <SafetyCertificateOutlined aria-hidden /> {t('signatures.title')}
      </Typography.Title>
      {documents.error ? (
        <LoadError error={documents.error} onRetry={documents.reload} />
      ) : (
        <>
          {!documents.loading && !decisionRow?.signature && <Alert type="warning" showIcon title={t('signatures.unsigned')} style={{ marginBottom: 12 }} data-testid="signature-missing" />}
          <Table<IssuedDocumentView>
            size="small"
            rowKey="id"
            loading={documents.loading}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={rows}
            scroll={{ x: 720 }}
            locale={{ emptyText: t('signatures.none') }}
            columns={[
              { title: t('signatures.document'), key: 'document', render: (_: unknown, d) => label(d) },
              {
                title: t('signatures.status'),
                key: 'status',
                width: 150,
                render: (_: unknown, d) =>
                  d.signature ? (
                    <Tag color="green" data-testid={`signature-valid-${d.kind === 'DECISION' ? 'decision' : d.candidateId}`}>
                      {t('signatures.valid')}
                    </Tag>
                  ) : (
                    <Tag color="gold">{t('signatures.notSigned')}</Tag>
                  ),
              },
              { title: t('signatures.signer'), key: 'signer', render: (_: unknown, d) => (d.signature ? commonName(d.signature.signerSubject) : '—') },
              { title: t('signatures.signedAt'), key: 'at', width: 150, render: (_: unknown, d) => (d.signature ? format.dateTime(d.signature.timeStampedAt ?? d.signature.claimedSigningTime ?? d.signature.recordedAt) : '—') },
              {
                title: t('signatures.chain'),
                key: 'chain',
                render: (_: unknown, d) =>
                  d.signature ? (
                    <span>
                      {commonName(d.signature.issuerSubject)}
                      <Typography.Text type="secondary"> — {t('signatures.certificateUntil', { date: format.date(d.signature.certificateNotAfter.slice(0, 10)) })}</Typography.Text>
                    </span>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('signatures.how'),
                key: 'how',
                width: 170,
                render: (_: unknown, d) => (d.signature ? `${t(`signatures.method.${d.signature.method}`)} (PAdES ${d.signature.level})` : '—'),
              },
            ]}
          />
          {decisionRow?.signature && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('signatures.checkedWhenRecorded')}{' '}
              <a href={`/cong-khai/xac-minh?so=${encodeURIComponent(decision.number)}`} target="_blank" rel="noopener">
                {t('signatures.verifyPublic')}
              </a>
            </Typography.Paragraph>
          )}
        </>
      )}
      {canSign && (
        <Space wrap style={{ marginTop: 8 }}>
          {serverKey && unsigned && (
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={signing} onClick={signOnServer} data-testid="sign-on-server" style={WRAPPING}>
              {t('signatures.signOnServer')}
            </Button>
          )}
          {!decisionRow?.signature && (
            <>
              <Button href={`/api/decisions/${decision.id}/issued-copy`} icon={<DownloadOutlined />} data-testid="issued-copy" style={WRAPPING}>
                {t('signatures.downloadToSign')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setUploading(true)} data-testid="upload-signed" style={WRAPPING}>
                {t('signatures.uploadSigned')}
              </Button>
            </>
          )}
        </Space>
      )}
      {canSign && capabilities.data && !serverKey && unsigned && <Typography.Paragraph type="secondary">{t('signatures.noServerKey')}</Typography.Paragraph>}
      <ErrorAlert error={signError} onClose={() => setSignError(null)} />

      <FormDialog<{ file?: { originFileObj?: File }[] }>
        open={uploading}
        name="upload-signed"
        title={t('signatures.uploadTitle', { number: decision.number })}
        okText={t('signatures.uploadOk')}
        intro={t('signatures.uploadIntro')}
        known={['file']}
        submit={(values) => {
          const form = new FormData();
          const file = values.file?.[0]?.originFileObj;
          if (file) form.append('file', file);
          return api.upload('/api/decisions/{id}/signed-copy', form, { path: { id: decision.id } });
        }}
        onClose={() => setUploading(false)}
        onDone={() => {
          setUploading(false);
          documents.reload();
        }}
      >
        <Form.Item name="file" label={t('signatures.fileField')} valuePropName="fileList" getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList.slice(-1)}>
          <Upload accept="application/pdf,.pdf" maxCount={1} beforeUpload={() => false}>
            <Button icon={<UploadOutlined />}>{t('signatures.chooseFile')}</Button>
          </Upload>
        </Form.Item>
      </FormDialog>
    </div>
  );
}
