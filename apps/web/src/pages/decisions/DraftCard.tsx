/**
 * One decision draft on its way to issue — a session's recognition, or a correction or revocation of an issued
 * decision: its PDF (watermarked "DỰ THẢO") and DOCX, and for the clerk (văn thư) the register's number and date,
 * then the issue. Nothing is issued without a number.
 */
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Space, Tag } from 'antd';
import { DeleteOutlined, FilePdfOutlined, FileWordOutlined, NumberOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DecisionDraftView } from '#contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { describeError, type GeneralError } from '../../lib/serverErrors';
import { DRAFT_COLOURS } from './DecisionsPage';

/** A button whose words wrap on a phone instead of running past the screen's edge. */
export const WRAPPING = { whiteSpace: 'normal', height: 'auto', maxWidth: '100%', textAlign: 'left' } as const;

export function DraftCard({ draft, isClerk, onChanged }: { draft: DecisionDraftView; isClerk: boolean; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  const [numbering, setNumbering] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [issueError, setIssueError] = useState<GeneralError | null>(null);
  const [abandoning, setAbandoning] = useState(false);
  const { account } = useAuth();
  // A wrong correction or revocation draft is abandoned by whoever drafts them (the secretariat), before issue.
  const canAbandon = account?.role === 'COUNCIL_SECRETARY' && draft.kind !== 'RECOGNITION' && (draft.status === 'DRAFT' || draft.status === 'NUMBERED');
  const testId = draft.kind === 'RECOGNITION' ? '' : `-${draft.kind.toLowerCase()}`;

  const issue = async () => {
    setIssuing(true);
    setIssueError(null);
    try {
      await api.post('/api/decision-drafts/{id}/issue', {}, { path: { id: draft.id } });
      onChanged();
    } catch (error) {
      setIssueError(describeError(error, t, i18n.language));
    } finally {
      setIssuing(false);
    }
  };

  return (
    <Card
      title={draft.kind === 'RECOGNITION' ? t('decisions.draftCard') : t(`amendments.draftCard.${draft.kind}`, { number: draft.amends?.number ?? '' })}
      extra={
        <Tag color={DRAFT_COLOURS[draft.status]} data-testid={`draft-status${testId}`}>
          {t(`decisions.draftStatus.${draft.status}`)}
        </Tag>
      }
      data-testid={`decision-draft${testId}`}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'subject', label: t('decisions.subject'), children: draft.subject },
          { key: 'authority', label: t('decisions.authority'), children: words(draft.authority) },
          { key: 'register', label: t('decisions.register'), children: `${draft.register.name} — ${words(draft.register.modeLabel)}` },
          { key: 'number', label: t('decisions.number'), children: draft.number ? `${draft.number} ${t('decisions.dated', { date: format.date(draft.issuedOn) })}` : t('decisions.notNumbered') },
          ...(draft.grounds.length > 0
            ? [
                {
                  key: 'grounds',
                  label: t('amendments.grounds'),
                  children: (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {draft.grounds.map((g) => (
                        <li key={g.code}>
                          {words(g)} <em>({g.article})</em>
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
          ...(draft.reasons ? [{ key: 'reasons', label: t('amendments.reasons'), children: draft.reasons }] : []),
          // When, not who: login names are never shown (the audit trail names the people).
          { key: 'drafted', label: t('decisions.draftedAt'), children: format.dateTime(draft.draftedAt) },
          ...(draft.numberedAt ? [{ key: 'numbered', label: t('decisions.numberedAt'), children: format.dateTime(draft.numberedAt) }] : []),
          ...(draft.abandonedAt ? [{ key: 'abandoned', label: t('decisions.abandonedAt'), children: format.dateTime(draft.abandonedAt) }] : []),
          ...(draft.abandonReason ? [{ key: 'abandonReason', label: t('decisions.abandonReason'), children: draft.abandonReason }] : []),
          { key: 'recipients', label: draft.kind === 'REVOCATION' ? t('amendments.revokedNames') : t('decisions.recipients'), children: draft.recipients.map((r) => r.name).join('; ') },
        ]}
      />
      <Space wrap style={{ marginTop: 12 }}>
        <Button href={`/api/decision-drafts/${draft.id}/pdf`} icon={<FilePdfOutlined />} data-testid={`draft-pdf${testId}`}>
          {t('decisions.draftPdf')}
        </Button>
        <Button href={`/api/decision-drafts/${draft.id}/docx`} icon={<FileWordOutlined />} data-testid={`draft-docx${testId}`} style={WRAPPING}>
          {t('decisions.draftDocx')}
        </Button>
        {isClerk && (draft.status === 'DRAFT' || draft.status === 'NUMBERED') && (draft.register.mode === 'CLERK_ENTERED' || draft.status === 'DRAFT') && (
          <Button icon={<NumberOutlined />} onClick={() => setNumbering(true)} data-testid={`number-draft${testId}`}>
            {draft.status === 'NUMBERED' ? t('decisions.renumber') : t('decisions.numberIt')}
          </Button>
        )}
        {isClerk && draft.status === 'NUMBERED' && (
          <Button type="primary" icon={<SendOutlined />} loading={issuing} onClick={issue} data-testid={`issue-draft${testId}`} style={WRAPPING}>
            {t('decisions.issueIt', { number: draft.number })}
          </Button>
        )}
        {canAbandon && (
          <Button danger icon={<DeleteOutlined />} onClick={() => setAbandoning(true)} data-testid={`abandon-draft${testId}`} style={WRAPPING}>
            {t('decisions.abandon')}
          </Button>
        )}
      </Space>
      {draft.status === 'DRAFT' && !isClerk && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('decisions.waitingForClerk')} />}
      <ErrorAlert error={issueError} onClose={() => setIssueError(null)} />

      <FormDialog<{ reason: string }>
        open={abandoning}
        name={`abandon-draft${testId}`}
        title={t('decisions.abandonTitle')}
        okText={t('decisions.abandonOk')}
        danger
        intro={t('decisions.abandonIntro')}
        warning={t('decisions.abandonWarning')}
        known={['reason']}
        submit={(values) => api.post('/api/decision-drafts/{id}/abandon', { reason: values.reason }, { path: { id: draft.id } })}
        onClose={() => setAbandoning(false)}
        onDone={() => {
          setAbandoning(false);
          onChanged();
        }}
      >
        <Form.Item name="reason" label={t('decisions.abandonReason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </FormDialog>

      <FormDialog<{ number?: number; issuedOn: Dayjs }>
        open={numbering}
        name={`number-draft${testId}`}
        title={t('decisions.numberTitle')}
        okText={t('decisions.numberOk')}
        intro={draft.register.mode === 'COUNTER' ? t('decisions.numberIntroCounter', { register: draft.register.name }) : t('decisions.numberIntroClerk', { register: draft.register.name })}
        known={['number', 'issuedOn']}
        initialValues={{ issuedOn: draft.issuedOn ? dayjs(draft.issuedOn) : dayjs() }}
        submit={(values) =>
          api.post('/api/decision-drafts/{id}/number', { ...(values.number !== undefined && values.number !== null ? { number: values.number } : {}), issuedOn: values.issuedOn.format('YYYY-MM-DD') }, { path: { id: draft.id } })
        }
        onClose={() => setNumbering(false)}
        onDone={() => {
          setNumbering(false);
          onChanged();
        }}
      >
        {draft.register.mode === 'CLERK_ENTERED' && (
          <Form.Item name="number" label={t('decisions.numberField', { symbol: draft.register.symbol })} extra={t('decisions.numberHint')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={1} max={999999} precision={0} style={{ width: '100%' }} addonAfter={`/${draft.register.symbol}`} />
          </Form.Item>
        )}
        <Form.Item name="issuedOn" label={t('decisions.issuedOnField')} rules={[{ required: true, type: 'object', message: t('validation.required') }]}>
          <DatePicker format="DD/MM/YYYY" placeholder={t('form.datePlaceholder')} />
        </Form.Item>
      </FormDialog>
    </Card>
  );
}
