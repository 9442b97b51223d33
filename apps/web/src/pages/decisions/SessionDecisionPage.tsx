/**
 * The decision of one closed session, from draft to issue (issue 18): the secretariat drafts it (the PDF is
 * watermarked "DỰ THẢO", the DOCX is for Word), the clerk (văn thư) enters the number and date the document register
 * gave — or takes the next number of the register kept here — and issues it; the secretariat signs it (server-side
 * key, or the signer's token and an upload); then everyone prints the decision and its certificates, one by one or
 * all in one PDF. Corrections and revocations are drafted here and numbered and issued by the clerk the same way;
 * a revocation's grounds and the recovery of certificates and rewards show with it. Reached from the closed session
 * and from the candidate page.
 */
import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Form, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ISSUING_AUTHORITIES, inGroup } from '#domain';
import type { DecisionDraftView, DecisionView } from '#contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { Page } from '../../components/Page';
import { ROUTES } from '../../app/routes';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { AmendButtons, AmendmentCard } from './Amendments';
import { DraftCard, WRAPPING } from './DraftCard';
import { SignaturesPanel } from './SignaturesPanel';

interface Loaded {
  draft: DecisionDraftView | null;
  decision: DecisionView | null;
  /** Corrections and revocations not yet issued. */
  amendmentDrafts: DecisionDraftView[];
  /** Issued corrections and revocations, oldest first. */
  amendments: DecisionView[];
}

export function SessionDecisionPage() {
  const { sessionId = '' } = useParams();
  const { t } = useTranslation();
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
    return {
      draft: drafts.find((d) => d.kind === 'RECOGNITION') ?? null,
      decision: decisions.find((d) => d.kind === 'RECOGNITION') ?? null,
      // Abandoned drafts are history: listed on the decisions page, not worked on here.
      amendmentDrafts: drafts.filter((d) => d.kind !== 'RECOGNITION' && d.status !== 'ISSUED' && d.status !== 'ABANDONED'),
      amendments: decisions.filter((d) => d.kind !== 'RECOGNITION').sort((a, b) => a.issuedAt.localeCompare(b.issuedAt)),
    };
  }, [sessionId, seesDrafts]);
  const [drafting, setDrafting] = useState(false);

  if (state.error) return <Page title={t('decisions.sessionTitle')}><LoadError error={state.error} onRetry={state.reload} /></Page>;
  if (!state.data) return <Page title={t('decisions.sessionTitle')}><Skeleton active /></Page>;
  const { draft, decision, amendmentDrafts, amendments: issuedAmendments } = state.data;
  const amendments = decision?.amendedBy ?? [];

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
                      <Space orientation="vertical" size={2}>
                        <Tag color="red">{t('replication.revokedForCandidate')}</Tag>
                        <a href={`/api/decisions/${decision.id}/certificates/${r.candidateId}/pdf?archived=true`} data-testid={`archived-certificate-${r.candidateId}`}>
                          <FilePdfOutlined aria-hidden /> {t('amendments.archivedCopy')}
                        </a>
                      </Space>
                    ) : (
                      <a href={`/api/decisions/${decision.id}/certificates/${r.candidateId}/pdf`} data-testid={`certificate-${r.candidateId}`}>
                        <FilePdfOutlined aria-hidden /> {t('decisions.certificatePdf')}
                      </a>
                    ),
                },
              ]}
            />
            <SignaturesPanel decision={decision} canSign={isSecretary} />
            {isSecretary && (
              <div style={{ marginTop: 16 }}>
                <AmendButtons decision={decision} onDrafted={state.reload} />
              </div>
            )}
          </Card>
        )}

        {seesDrafts && amendmentDrafts.map((d) => <DraftCard key={d.id} draft={d} isClerk={isClerk} onChanged={state.reload} />)}
        {issuedAmendments.map((d) => (
          <AmendmentCard key={d.id} decision={d} isSecretary={isSecretary} />
        ))}

        {seesDrafts && draft && <DraftCard draft={draft} isClerk={isClerk} onChanged={state.reload} />}
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

    </Page>
  );
}
