/**
 * The clearances (hiệp y) of one candidate in a session: the agencies asked, each deadline and where each request
 * stands (awaited, agrees, disagrees with its reasons, no answer by the deadline), the answering documents, and the
 * session's rule on them. The secretariat asks the agencies the jurisdiction profile lists and records each answer
 * with its document while the candidate is still under review.
 */
import { useState } from 'react';
import { App as AntApp, Button, DatePicker, Form, Grid, Input, List, Radio, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { FileTextOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ClearanceView, SessionClearances } from '#contracts';
import { api } from '../../api/client';
import { usePersonName } from '../../components/RecordContent';
import { FormDialog } from '../../components/FormDialog';
import { useFormat } from '../../lib/format';

const STATE_COLOURS: Record<ClearanceView['state'], string> = { PENDING: 'blue', AGREES: 'green', DISAGREES: 'red', NO_ANSWER: 'volcano' };

function useWords() {
  const { i18n } = useTranslation();
  return (l: { vi: string; en: string }) => (i18n.language === 'en' ? l.en : l.vi);
}

export function ClearanceStateTag({ clearance }: { clearance: ClearanceView }) {
  const words = useWords();
  return (
    <Tag color={STATE_COLOURS[clearance.state]} data-testid={`clearance-state-${clearance.agency.code}`}>
      {words(clearance.stateLabel)}
    </Tag>
  );
}

function AnswerCell({ c, onAnswer }: { c: ClearanceView; onAnswer?: (c: ClearanceView) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const personName = usePersonName();
  if (c.answer) {
    return (
      <div style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
        <div>{t('clearance.document', { number: c.answer.documentNumber, date: format.date(c.answer.documentDate) })}</div>
        {c.answer.reasons && <div>{t('clearance.reasonsShown', { reasons: c.answer.reasons })}</div>}
        {c.answer.late && <Tag color="orange">{t('clearance.late')}</Tag>}
        {c.answer.file && (
          <a href={c.answer.file.url} download title={`SHA-256 ${c.answer.file.sha256}`}>
            <FileTextOutlined aria-hidden /> {c.answer.file.fileName} ({format.bytes(c.answer.file.sizeBytes)})
          </a>
        )}
        <div>
          <Typography.Text type="secondary">{t('clearance.answerRecordedBy', { by: personName(c.people, c.answer.recordedBy), at: format.dateTime(c.answer.recordedAt) })}</Typography.Text>
        </div>
      </div>
    );
  }
  return onAnswer ? (
    <Button size="small" onClick={() => onAnswer(c)} data-testid={`answer-${c.agency.code}`}>
      {t('clearance.record')}
    </Button>
  ) : (
    <>—</>
  );
}

/** The list of one candidate's clearances (read-only): used on the item card and the checklist page; a list of cards on a narrow screen. */
export function ClearancesTable({ clearances, onAnswer, compact }: { clearances: ClearanceView[]; onAnswer?: (c: ClearanceView) => void; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const personName = usePersonName();
  const screens = Grid.useBreakpoint();
  if (clearances.length === 0) return <Typography.Text type="secondary">{t('clearance.none')}</Typography.Text>;
  if (compact || !screens.lg) {
    return (
      <List<ClearanceView>
        size="small"
        dataSource={clearances}
        data-testid="clearances"
        renderItem={(c) => (
          <List.Item key={c.id} style={{ display: 'block' }}>
            <Space wrap size={[8, 4]}>
              <Typography.Text strong>{c.agency.name}</Typography.Text>
              <ClearanceStateTag clearance={c} />
            </Space>
            <div>
              <Typography.Text type="secondary">
                {t('clearance.requested')}: {format.date(c.requestedOn)}
                {c.letterNumber ? ` · ${t('clearance.letter', { number: c.letterNumber })}` : ''} · {t('clearance.dueOn')}: {format.date(c.dueOn)}
              </Typography.Text>
            </div>
            <div>
              <Typography.Text type="secondary">{t('clearance.requestedBy', { by: personName(c.people, c.requestedBy) })}</Typography.Text>
            </div>
            <AnswerCell c={c} onAnswer={onAnswer} />
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<ClearanceView>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={clearances}
      data-testid="clearances"
      columns={[
        {
          title: t('clearance.agency'),
          key: 'agency',
          render: (_, c) => (
            <div style={{ maxWidth: 240, whiteSpace: 'normal' }}>
              <Typography.Text strong>{c.agency.name}</Typography.Text>
              {c.agency.subject && (
                <div>
                  <Typography.Text type="secondary">{c.agency.subject}</Typography.Text>
                </div>
              )}
            </div>
          ),
        },
        {
          title: t('clearance.requested'),
          key: 'requested',
          render: (_, c) => (
            <>
              {format.date(c.requestedOn)}
              {c.letterNumber && <div>{t('clearance.letter', { number: c.letterNumber })}</div>}
              <div>
                <Typography.Text type="secondary">{t('clearance.requestedBy', { by: personName(c.people, c.requestedBy) })}</Typography.Text>
              </div>
            </>
          ),
        },
        { title: t('clearance.dueOn'), key: 'dueOn', render: (_, c) => format.date(c.dueOn) },
        { title: t('clearance.state'), key: 'state', render: (_, c) => <ClearanceStateTag clearance={c} /> },
        { title: t('clearance.answer'), key: 'answer', render: (_, c) => <AnswerCell c={c} onAnswer={onAnswer} /> },
      ]}
    />
  );
}

interface RequestValues {
  agencyCodes: string[];
  letterNumber?: string;
}

interface AnswerValues {
  answer: 'AGREES' | 'DISAGREES';
  reasons?: string;
  documentNumber: string;
  documentDate: Dayjs;
  file?: { originFileObj?: File }[];
}

/** The clearances section of an item card: the list, and for the secretariat the requests and answers. */
export function ClearancesSection({
  sessionId,
  itemId,
  candidateName,
  clearances,
  secretary,
  open,
  session,
  onChanged,
}: {
  sessionId: string;
  itemId: string;
  candidateName: string;
  clearances: ClearanceView[];
  secretary: boolean;
  /** Whether requests and answers can be recorded now (the candidate still under review, before the vote closes). */
  open: boolean;
  /** The session's rule and the agencies the profile lists (loaded once by the session page). */
  session: SessionClearances | undefined;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const words = useWords();
  const format = useFormat();
  const { message } = AntApp.useApp();
  const [asking, setAsking] = useState(false);
  const [answering, setAnswering] = useState<ClearanceView | null>(null);
  const asked = new Set(clearances.map((c) => c.agency.code));
  const available = (session?.agencies ?? []).filter((a) => !asked.has(a.code));
  const mayChange = secretary && open;

  return (
    <div className="item-section" data-testid={`clearances-${itemId}`}>
      <Typography.Title level={4} className="section-heading">
        <SafetyCertificateOutlined aria-hidden /> {t('clearance.title', { count: clearances.length })}
      </Typography.Title>
      {session && (
        <Typography.Paragraph>
          {t('clearance.rule')}{' '}
          <Tag data-testid="clearance-rule" style={{ whiteSpace: 'normal' }}>
            {words(session.ruleLabel)}
          </Tag>
        </Typography.Paragraph>
      )}
      <ClearancesTable clearances={clearances} onAnswer={mayChange ? setAnswering : undefined} />
      {mayChange && (
        <Space wrap style={{ marginTop: 8 }}>
          <Button icon={<SafetyCertificateOutlined />} onClick={() => setAsking(true)} disabled={available.length === 0} data-testid={`ask-clearances-${itemId}`}>
            {t('clearance.ask')}
          </Button>
          {session && session.agencies.length === 0 && <Typography.Text type="warning">{t('clearance.noAgencies')}</Typography.Text>}
        </Space>
      )}

      <FormDialog<RequestValues>
        open={asking}
        title={t('clearance.askTitle', { name: candidateName })}
        name={`ask-clearances-form-${itemId}`}
        okText={t('clearance.askOk')}
        intro={session?.dueOnIfRequestedToday ? t('clearance.dueIntro', { date: format.date(session.dueOnIfRequestedToday) }) : t('clearance.noDeadline')}
        known={['agencyCodes', 'letterNumber']}
        submit={(v) => api.post('/api/review-sessions/{id}/items/{itemId}/clearances', { agencyCodes: v.agencyCodes, ...(v.letterNumber?.trim() ? { letterNumber: v.letterNumber.trim() } : {}) }, { path: { id: sessionId, itemId } })}
        onClose={() => setAsking(false)}
        onDone={(_, v) => {
          setAsking(false);
          void message.success(t('clearance.asked', { count: v.agencyCodes.length }));
          onChanged();
        }}
      >
        <Form.Item name="agencyCodes" label={t('clearance.agencies')} rules={[{ required: true, type: 'array', min: 1, message: t('clearance.chooseAgency') }]}>
          <Select
            mode="multiple"
            placeholder={t('clearance.chooseAgency')}
            optionFilterProp="title"
            options={available.map((a) => ({ value: a.code, title: a.name, label: a.name }))}
          />
        </Form.Item>
        <Form.Item name="letterNumber" label={t('clearance.letterNumber')} extra={t('clearance.letterHint')}>
          <Input maxLength={100} />
        </Form.Item>
      </FormDialog>

      <FormDialog<AnswerValues>
        open={answering !== null}
        title={t('clearance.recordTitle', { agency: answering?.agency.name ?? '' })}
        name={`answer-clearance-form-${itemId}`}
        okText={t('clearance.recordOk')}
        intro={answering ? t('clearance.recordIntro', { name: candidateName, due: format.date(answering.dueOn) }) : undefined}
        initialValues={{ answer: 'AGREES', documentDate: dayjs() }}
        known={['answer', 'reasons', 'documentNumber', 'documentDate', 'file']}
        submit={(v) => {
          const form = new FormData();
          form.append('answer', v.answer);
          if (v.reasons?.trim()) form.append('reasons', v.reasons.trim());
          form.append('documentNumber', v.documentNumber.trim());
          form.append('documentDate', v.documentDate.format('YYYY-MM-DD'));
          const file = v.file?.[0]?.originFileObj;
          if (file) form.append('file', file);
          return api.upload('/api/review-sessions/{id}/clearances/{requestId}/answer', form, { path: { id: sessionId, requestId: answering!.id } });
        }}
        onClose={() => setAnswering(null)}
        onDone={() => {
          setAnswering(null);
          void message.success(t('clearance.recorded'));
          onChanged();
        }}
      >
        {(form) => (
          <>
            <Form.Item name="answer" label={t('clearance.answerLabel')} rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'AGREES', label: t('clearance.agrees') },
                  { value: 'DISAGREES', label: t('clearance.disagrees') },
                ]}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.answer !== b.answer}>
              {() => (
                <Form.Item
                  name="reasons"
                  label={t('clearance.reasons')}
                  rules={form.getFieldValue('answer') === 'DISAGREES' ? [{ required: true, whitespace: true, message: t('clearance.reasonsRequired') }] : []}
                >
                  <Input.TextArea rows={3} maxLength={4000} />
                </Form.Item>
              )}
            </Form.Item>
            <Space wrap align="start">
              <Form.Item name="documentNumber" label={t('clearance.documentNumber')} rules={[{ required: true, whitespace: true, message: t('clearance.documentNumberRequired') }]}>
                <Input maxLength={100} placeholder="88/CAT-PV01" />
              </Form.Item>
              <Form.Item name="documentDate" label={t('clearance.documentDate')} rules={[{ required: true, message: t('clearance.documentDateRequired') }]}>
                <DatePicker format="DD/MM/YYYY" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Space>
            <Form.Item name="file" label={t('clearance.file')} valuePropName="fileList" getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList.slice(-1)} extra={t('clearance.fileHint')}>
              <Upload beforeUpload={() => false} maxCount={1} accept=".pdf,.doc,.docx,.jpg,.jpeg,.png">
                <Button icon={<UploadOutlined />}>{t('clearance.chooseFile')}</Button>
              </Upload>
            </Form.Item>
          </>
        )}
      </FormDialog>
    </div>
  );
}
