/**
 * The decision of one closed session, from draft to issue (issue 18): the secretariat drafts it (the PDF is
 * watermarked "DỰ THẢO", the DOCX is for Word), the clerk (văn thư) enters the number and date the document register
 * gave — or takes the next number of the register kept here — and issues it; then everyone prints the decision and
 * its certificates, one by one or all in one PDF. Reached from the closed session and from the candidate page.
 */
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Form, InputNumber, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined, NumberOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ISSUING_AUTHORITIES, inGroup } from '#domain';
import type { DecisionDraftView, DecisionView } from '#contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { Page } from '../../components/Page';
import { ROUTES } from '../../app/routes';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { describeError, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';
import { DRAFT_COLOURS } from './DecisionsPage';

/** A button whose words wrap on a phone instead of running past the screen's edge. */
const WRAPPING = { whiteSpace: 'normal', height: 'auto', maxWidth: '100%', textAlign: 'left' } as const;

interface Loaded {
  draft: DecisionDraftView | null;
  decision: DecisionView | null;
}

export function SessionDecisionPage() {
  const { sessionId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { account } = useAuth();
  const { words } = useLabels();
  const format = useFormat();
  const role = account?.role;
  const seesDrafts = role ? inGroup(role, 'decisionDrafters') || role === 'AUDITOR' : false;
  const isClerk = role === 'CLERK';
  const isSecretary = role === 'COUNCIL_SECRETARY';
  const state = useAsync<Loaded>(async (signal) => {
    const [drafts, decisions] = await Promise.all([
      seesDrafts ? api.get('/api/decision-drafts', { query: { sessionId }, signal }) : Promise.resolve([] as DecisionDraftView[]),
      api.get('/api/decisions', { query: { sessionId }, signal }),
    ]);
    return { draft: drafts[0] ?? null, decision: decisions.find((d) => d.kind === 'RECOGNITION') ?? null };
  }, [sessionId, seesDrafts]);
  const [drafting, setDrafting] = useState(false);
  const [numbering, setNumbering] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [issueError, setIssueError] = useState<GeneralError | null>(null);

  if (state.error) return <Page title={t('decisions.sessionTitle')}><LoadError error={state.error} onRetry={state.reload} /></Page>;
  if (!state.data) return <Page title={t('decisions.sessionTitle')}><Skeleton active /></Page>;
  const { draft, decision } = state.data;
  const amendments = decision?.amendedBy ?? [];

  const issue = async () => {
    if (!draft) return;
    setIssuing(true);
    setIssueError(null);
    try {
      await api.post('/api/decision-drafts/{id}/issue', {}, { path: { id: draft.id } });
      state.reload();
    } catch (error) {
      setIssueError(describeError(error, t, i18n.language));
    } finally {
      setIssuing(false);
    }
  };

  return (
    <Page
      title={draft ? `${t('decisions.sessionTitle')}: ${draft.sessionTitle}` : t('decisions.sessionTitle')}
      subtitle={<Link to={ROUTES.decisions}>{t('decisions.backToList')}</Link>}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {decision && (
          <Card title={t('decisions.issuedCard', { number: decision.number })} data-testid="issued-decision">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'number', label: t('decisions.number'), children: decision.number },
                { key: 'issuedOn', label: t('decisions.issuedOn'), children: format.date(decision.issuedOn) },
                { key: 'authority', label: t('decisions.authority'), children: words(decision.authority) },
                { key: 'signer', label: t('decisions.signer'), children: `${decision.signerTitle.replace(/\n/g, ' ')} ${decision.signerName}` },
                { key: 'status', label: t('decisions.status'), children: <Tag>{t(`replication.decisionStatus.${decision.status}`)}</Tag> },
                ...(amendments.length > 0 ? [{ key: 'amended', label: t('decisions.amendedBy'), children: amendments.map((a) => `${a.number} (${t(`replication.kind.${a.kind}`)})`).join('; ') }] : []),
              ]}
            />
            <Space wrap style={{ margin: '12px 0' }}>
              <Button href={`/api/decisions/${decision.id}/pdf`} icon={<FilePdfOutlined />} data-testid="decision-pdf">
                {t('decisions.decisionPdf')}
              </Button>
              {decision.recipients.some((r) => !r.revoked) && (
                <Button type="primary" href={`/api/decisions/${decision.id}/certificates.pdf`} icon={<FilePdfOutlined />} data-testid="certificates-pdf" style={WRAPPING}>
                  {t('decisions.allCertificates', { count: decision.recipients.filter((r) => !r.revoked).length })}
                </Button>
              )}
            </Space>
            <Table
              size="small"
              rowKey="candidateId"
              pagination={false}
              dataSource={decision.recipients}
              scroll={{ x: 560 }}
              columns={[
                { title: t('decisions.position'), dataIndex: 'position', width: 60 },
                { title: t('decisions.recipient'), key: 'name', render: (_: unknown, r) => <Link to={ROUTES.candidate(r.candidateId)}>{r.name}</Link> },
                { title: t('decisions.unit'), dataIndex: 'unitName' },
                { title: t('decisions.serial'), dataIndex: 'serial', width: 190 },
                {
                  title: t('decisions.certificate'),
                  key: 'certificate',
                  width: 150,
                  render: (_: unknown, r) =>
                    r.revoked ? (
                      <Tag color="red">{t('replication.revokedForCandidate')}</Tag>
                    ) : (
                      <a href={`/api/decisions/${decision.id}/certificates/${r.candidateId}/pdf`} data-testid={`certificate-${r.candidateId}`}>
                        <FilePdfOutlined aria-hidden /> {t('decisions.certificatePdf')}
                      </a>
                    ),
                },
              ]}
            />
          </Card>
        )}

        {seesDrafts && draft && (
          <Card
            title={t('decisions.draftCard')}
            extra={<Tag color={DRAFT_COLOURS[draft.status]} data-testid="draft-status">{t(`decisions.draftStatus.${draft.status}`)}</Tag>}
            data-testid="decision-draft"
          >
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'subject', label: t('decisions.subject'), children: draft.subject },
                { key: 'authority', label: t('decisions.authority'), children: words(draft.authority) },
                { key: 'register', label: t('decisions.register'), children: `${draft.register.name} — ${words(draft.register.modeLabel)}` },
                { key: 'number', label: t('decisions.number'), children: draft.number ? `${draft.number} ${t('decisions.dated', { date: format.date(draft.issuedOn) })}` : t('decisions.notNumbered') },
                { key: 'drafted', label: t('decisions.draftedBy'), children: `${draft.draftedBy}, ${format.dateTime(draft.draftedAt)}` },
                ...(draft.numberedBy ? [{ key: 'numbered', label: t('decisions.numberedBy'), children: `${draft.numberedBy}, ${format.dateTime(draft.numberedAt)}` }] : []),
                { key: 'recipients', label: t('decisions.recipients'), children: draft.recipients.map((r) => r.name).join('; ') },
              ]}
            />
            <Space wrap style={{ marginTop: 12 }}>
              <Button href={`/api/decision-drafts/${draft.id}/pdf`} icon={<FilePdfOutlined />} data-testid="draft-pdf">
                {t('decisions.draftPdf')}
              </Button>
              <Button href={`/api/decision-drafts/${draft.id}/docx`} icon={<FileWordOutlined />} data-testid="draft-docx" style={WRAPPING}>
                {t('decisions.draftDocx')}
              </Button>
              {isClerk && draft.status !== 'ISSUED' && (draft.register.mode === 'CLERK_ENTERED' || draft.status === 'DRAFT') && (
                <Button icon={<NumberOutlined />} onClick={() => setNumbering(true)} data-testid="number-draft">
                  {draft.status === 'NUMBERED' ? t('decisions.renumber') : t('decisions.numberIt')}
                </Button>
              )}
              {isClerk && draft.status === 'NUMBERED' && (
                <Button type="primary" icon={<SendOutlined />} loading={issuing} onClick={issue} data-testid="issue-draft" style={WRAPPING}>
                  {t('decisions.issueIt', { number: draft.number })}
                </Button>
              )}
            </Space>
            {draft.status === 'DRAFT' && !isClerk && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('decisions.waitingForClerk')} />}
            <ErrorAlert error={issueError} onClose={() => setIssueError(null)} />
          </Card>
        )}

        {!decision && !draft && (
          <Card>
            <Empty description={seesDrafts ? t('decisions.noDraftYet') : t('decisions.noDecisionYet')}>
              {isSecretary && (
                <Button type="primary" onClick={() => setDrafting(true)} data-testid="create-draft">
                  {t('decisions.createDraft')}
                </Button>
              )}
            </Empty>
          </Card>
        )}
        <Typography.Paragraph type="secondary">{t('decisions.registerNote')}</Typography.Paragraph>
      </Space>

      <FormDialog<{ authorityCode: string }>
        open={drafting}
        name="create-draft"
        title={t('decisions.createDraft')}
        okText={t('decisions.createDraftOk')}
        intro={t('decisions.createDraftIntro')}
        known={['authorityCode', 'sessionId']}
        initialValues={{ authorityCode: 'UBND_TINH' }}
        submit={(values) => api.post('/api/decision-drafts', { sessionId, authorityCode: values.authorityCode })}
        onClose={() => setDrafting(false)}
        onDone={() => {
          setDrafting(false);
          state.reload();
        }}
      >
        <Form.Item name="authorityCode" label={t('decisions.authority')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={ISSUING_AUTHORITIES.map((a) => ({ value: a.code, label: words(a) }))} />
        </Form.Item>
      </FormDialog>

      {draft && (
        <FormDialog<{ number?: number; issuedOn: Dayjs }>
          open={numbering}
          name="number-draft"
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
            state.reload();
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
      )}
    </Page>
  );
}
