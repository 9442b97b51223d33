/**
 * A council member's vote on one candidate: the choice (and, in an open ballot, a written opinion), a last
 * confirmation, and for a secret ballot the receipt, shown once, with what it is for, to print or download;
 * then "check my ballot", which forgives the usual slips of typing and says when a receipt looks mistyped.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Radio, Typography } from 'antd';
import { CheckOutlined, CopyOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { VOTE_CHOICES, type BallotKind, type ReceiptCheck, type VoteCast, type VoteChoice } from '#contracts';
import { readReceipt } from '#domain';
import { api, ApiError } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';

interface VoteForm {
  choice: VoteChoice;
  opinion?: string;
}

export function VoteForm({ sessionId, itemId, candidateName, ballot, writtenOpinion, onVoted }: { sessionId: string; itemId: string; candidateName: string; ballot: BallotKind; writtenOpinion: boolean; onVoted(result: VoteCast): void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<VoteForm>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [confirming, setConfirming] = useState<VoteForm | null>(null);
  const [busy, setBusy] = useState(false);

  const cast = async () => {
    if (!confirming) return;
    setBusy(true);
    setError(null);
    try {
      const body = { choice: confirming.choice, ...(ballot === 'OPEN' && confirming.opinion?.trim() ? { opinion: confirming.opinion.trim() } : {}) };
      const result = await api.post('/api/review-sessions/{id}/items/{itemId}/votes', body, { path: { id: sessionId, itemId } });
      setConfirming(null);
      onVoted(result);
    } catch (e) {
      setConfirming(null);
      setError(applyServerErrors(form, e, t, i18n.language, { known: ['choice', 'opinion'] }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid={`vote-${itemId}`}>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {writtenOpinion && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('vote.writtenOpinion')} />}
      <Form<VoteForm> form={form} layout="vertical" name={`vote-${itemId}`} onFinish={(values) => setConfirming(values)}>
        <Form.Item name="choice" label={t('vote.choiceLabel', { name: candidateName })} rules={[{ required: true, message: t('vote.chooseOne') }]}>
          <Radio.Group className="radio-column" options={VOTE_CHOICES.map((c) => ({ value: c, label: t(`vote.choice.${c}`) }))} />
        </Form.Item>
        {ballot === 'OPEN' && (
          <Form.Item name="opinion" label={t('vote.opinion')} extra={t('vote.opinionHint')} rules={[{ max: 4000, message: t('validation.max', { count: 4000 }) }]}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit">
          {t('vote.submit')}
        </Button>
      </Form>
      <Modal
        open={confirming !== null}
        title={t('vote.confirmTitle')}
        okText={t('vote.confirmOk')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={cast}
        onCancel={busy ? undefined : () => setConfirming(null)}
        maskClosable={false}
        destroyOnHidden
      >
        <p>{t('vote.confirmText', { name: candidateName, choice: confirming ? t(`vote.choice.${confirming.choice}`) : '' })}</p>
        <Alert type="warning" showIcon title={t('vote.final')} />
      </Modal>
    </div>
  );
}

/** The receipt as a small text file the member keeps (the server keeps only its hash). */
function downloadReceipt(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The receipt of a secret ballot, shown once: the server keeps only its hash. Printable and downloadable. */
export function ReceiptDialog({ receipt, candidateName, sessionTitle, onClose }: { receipt: string | null; candidateName: string; sessionTitle: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  // The moment this receipt was shown (the dialog stays mounted between votes).
  const issuedAt = useMemo(() => new Date().toISOString(), [receipt]);
  const text = [
    t('receipt.fileTitle'),
    '',
    t('receipt.fileSession', { session: sessionTitle }),
    t('receipt.fileCandidate', { name: candidateName }),
    t('receipt.fileCode', { receipt }),
    t('receipt.fileAt', { at: formatDateTime(issuedAt, i18n.language) }),
    '',
    t('receipt.why1'),
    t('receipt.why2'),
    t('receipt.why3'),
    '',
  ].join('\r\n');
  return (
    <Modal
      open={receipt !== null}
      title={t('receipt.title')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      wrapClassName="receipt-print"
      footer={[
        <Button key="print" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()} data-testid="receipt-print">
          {t('receipt.print')}
        </Button>,
        <Button key="download" icon={<DownloadOutlined aria-hidden />} onClick={() => downloadReceipt(text, t('receipt.fileName', { name: candidateName }))} data-testid="receipt-download">
          {t('receipt.download')}
        </Button>,
        <Button key="ok" type="primary" onClick={onClose}>
          {t('receipt.done')}
        </Button>,
      ]}
    >
      <div data-testid="receipt-dialog">
        <p className="print-only">{t('receipt.fileSession', { session: sessionTitle })}</p>
        <p>{t('receipt.counted', { name: candidateName })}</p>
        <Typography.Paragraph strong style={{ marginBottom: 4 }}>
          {t('receipt.yours')}
        </Typography.Paragraph>
        <Typography.Paragraph
          className="receipt"
          data-testid="receipt"
          copyable={{
            text: receipt ?? '',
            // Also the button's accessible name.
            tooltips: [t('receipt.copy'), t('common.copied')],
            icon: [
              <span key="copy" className="receipt-copy">
                <CopyOutlined aria-hidden /> {t('receipt.copy')}
              </span>,
              <span key="copied" className="receipt-copy">
                <CheckOutlined aria-hidden /> {t('common.copied')}
              </span>,
            ],
          }}
        >
          <span data-testid="receipt-value">{receipt}</span>
        </Typography.Paragraph>
        <Alert
          type="warning"
          showIcon
          title={t('receipt.onlyOnce')}
          description={
            <ul className="plain-list">
              <li>{t('receipt.why1')}</li>
              <li>{t('receipt.why2')}</li>
              <li>{t('receipt.why3')}</li>
            </ul>
          }
        />
      </div>
    </Modal>
  );
}

/** A member checks, with their receipt, that their secret ballot is in the urn with the choice they made. */
export function CheckBallotForm({ sessionId, itemId }: { sessionId: string; itemId: string }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ receipt: string }>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [result, setResult] = useState<ReceiptCheck | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div data-testid={`check-ballot-${itemId}`}>
      <Form
        form={form}
        layout="vertical"
        name={`check-ballot-${itemId}`}
        disabled={busy}
        onFinish={async ({ receipt }) => {
          setBusy(true);
          setError(null);
          setResult(null);
          try {
            setResult(await api.post('/api/review-sessions/{id}/items/{itemId}/ballots/verify', { receipt: receipt.trim() }, { path: { id: sessionId, itemId } }));
          } catch (e) {
            if (e instanceof ApiError && (e.code === 'RECEIPT_NOT_FOUND' || e.code === 'RECEIPT_MISTYPED')) {
              form.setFields([{ name: 'receipt', errors: [e.words(i18n.language)] }]);
            } else {
              setError(applyServerErrors(form, e, t, i18n.language, { known: ['receipt'] }));
            }
          } finally {
            setBusy(false);
          }
        }}
      >
        <ErrorAlert error={error} />
        <Form.Item
            name="receipt"
            label={t('receipt.check')}
            extra={t('receipt.checkHint')}
            style={{ maxWidth: 520, marginBottom: 8 }}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              {
                // The check symbol catches a slip before anything is asked of the server.
                validator: async (_, value: string | undefined) => {
                  if (!value?.trim()) return;
                  const reading = readReceipt(value);
                  if (reading.kind === 'mistyped') throw new Error(t(`receipt.mistyped.${reading.reason}`));
                },
              },
            ]}
          >
            <Input autoComplete="off" spellCheck={false} maxLength={60} placeholder="XXXX-XXXX-XXXX-XXXX" className="receipt-input" />
          </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('receipt.checkButton')}
        </Button>
      </Form>
      {result && (
        <Alert
          style={{ marginTop: 8 }}
          role="status"
          type="success"
          showIcon
          title={t('receipt.found', { choice: t(`vote.choice.${result.choice}`) })}
          description={t(result.sealed ? 'receipt.sealed' : 'receipt.open', { count: result.ballots })}
        />
      )}
    </div>
  );
}
