/**
 * A council member's checklist for one candidate: every criterion of the version pinned by the session, met or
 * not met, with a comment and the candidate's evidence it rests on; beside the form the candidate's file, its
 * evidence (PDFs and pictures read inside the page, the rest downloaded), its nurturing plan and check-ins.
 * Once submitted a checklist is locked, so submitting asks first; a correction is a new checklist that names the
 * one it corrects.
 */
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Form, Input, List, Modal, Radio, Row, Select, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ClearanceView, CriterionMark, NurturingView, SessionDetail } from '#contracts';
import { sessionAllows } from '#workflow';
import { api } from '../../api/client';
import type { CandidateView as Candidate, EvidenceView as EvidenceFile } from '#contracts';
import { ROUTES } from '../../app/routes';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert, LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useLabels } from '../../domain/labels';
import { evidencePreviewUrl, evidenceUrl, previewKind } from '../../lib/evidence';
import { useFormat } from '../../lib/format';
import { applyServerErrors, type GeneralError } from '../../lib/serverErrors';
import { useAsync } from '../../lib/useAsync';
import { NurturingSection } from '../candidate/NurturingSection';
import { ClearancesTable } from './ClearancesSection';

interface ChecklistForm {
  marks: { criterionCode: string; met?: boolean; comment?: string; evidenceIds?: string[] }[];
}

interface Loaded {
  session: SessionDetail;
  candidate: Candidate;
  evidence: EvidenceFile[];
  nurturing: NurturingView;
}

async function load(sessionId: string, itemId: string, signal: AbortSignal): Promise<Loaded> {
  const session = await api.get('/api/review-sessions/{id}', { path: { id: sessionId }, signal });
  const item = session.items.find((i) => i.id === itemId);
  if (!item) throw new Error('item not in session');
  const [candidate, evidence, nurturing] = await Promise.all([
    api.get('/api/candidates/{id}', { path: { id: item.candidate.id }, signal }),
    api.get('/api/candidates/{id}/evidence', { path: { id: item.candidate.id }, signal }),
    api.get('/api/candidates/{id}/nurturing', { path: { id: item.candidate.id }, signal }),
  ]);
  return { session, candidate, evidence, nurturing };
}

/** The file chosen in the list, read in the page: a PDF in the browser's own viewer, a picture as itself. */
function EvidencePreview({ file }: { file: EvidenceFile }) {
  const { t } = useTranslation();
  const kind = previewKind(file.contentType);
  const src = evidencePreviewUrl(file.candidateId, file.id);
  return (
    <figure className="evidence-preview" data-testid="evidence-preview" data-file={file.fileName}>
      {kind === 'pdf' ? (
        <iframe src={src} title={t('evidence.previewOf', { name: file.fileName })} className="evidence-preview-frame" />
      ) : (
        <img src={src} alt={t('evidence.previewOf', { name: file.fileName })} className="evidence-preview-image" />
      )}
      <figcaption>
        {file.fileName} ·{' '}
        <a href={evidenceUrl(file.candidateId, file.id)} download={file.fileName}>
          {t('evidence.downloadShort')}
        </a>
      </figcaption>
    </figure>
  );
}

function EvidenceBeside({ candidate, evidence, clearances }: { candidate: Candidate; evidence: EvidenceFile[]; clearances: ClearanceView[] }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const format = useFormat();
  // A file opens in the page when the member asks ("Xem"), not on arrival: Chromium's PDF viewer takes the focus
  // when it has loaded, which would close a list the member is choosing from in the form.
  const [shown, setShown] = useState<string | null>(null);
  const shownFile = evidence.find((f) => f.id === shown);
  return (
    <Card title={<h2 className="card-heading">{t('checklist.beside')}</h2>} data-testid="checklist-evidence">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'kind', label: t('candidate.kind'), children: label('kind', candidate.kind) },
          { key: 'unit', label: t('candidate.unit'), children: candidate.unit?.name },
          { key: 'field', label: t('candidate.field'), children: label('field', candidate.field) },
          { key: 'achievement', label: t('candidate.achievement'), children: <span className="pre-wrap">{candidate.achievement}</span> },
        ]}
      />
      <Typography.Title level={3} className="section-heading" style={{ marginTop: 12 }}>
        {t('evidence.title', { count: evidence.length })}
      </Typography.Title>
      <List<EvidenceFile>
        size="small"
        dataSource={evidence}
        locale={{ emptyText: t('evidence.none') }}
        renderItem={(f) => (
          <List.Item
            actions={
              previewKind(f.contentType) !== null
                ? [
                    <Button key="view" size="small" icon={<EyeOutlined aria-hidden />} type={shown === f.id ? 'primary' : 'default'} aria-pressed={shown === f.id} onClick={() => setShown(f.id)} aria-label={t('evidence.viewNamed', { name: f.fileName })}>
                      {t('evidence.view')}
                    </Button>,
                  ]
                : [<Typography.Text key="dl" type="secondary">{t('evidence.downloadOnly')}</Typography.Text>]
            }
          >
            <List.Item.Meta
              title={
                <a href={evidenceUrl(f.candidateId, f.id)} download={f.fileName} aria-label={t('evidence.download', { name: f.fileName })}>
                  <DownloadOutlined aria-hidden /> {f.fileName}
                </a>
              }
              description={`${format.bytes(f.sizeBytes)} · ${format.date(f.uploadedAt)}`}
            />
          </List.Item>
        )}
      />
      {shownFile && <EvidencePreview key={shownFile.id} file={shownFile} />}
      <Typography.Title level={3} className="section-heading" style={{ marginTop: 12 }}>
        {t('clearance.title', { count: clearances.length })}
      </Typography.Title>
      <ClearancesTable clearances={clearances} compact />
      <div style={{ marginTop: 12 }}>
        <Link to={ROUTES.candidate(candidate.id)}>{t('checklist.wholeFile')}</Link>
      </div>
    </Card>
  );
}

export function ChecklistPage() {
  const { id = '', itemId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { words } = useLabels();
  const format = useFormat();
  const { account } = useAuth();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ChecklistForm>();
  const [error, setError] = useState<GeneralError | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<ChecklistForm | null>(null);
  const { data, error: loadError, reload } = useAsync((signal) => load(id, itemId, signal), [id, itemId]);

  const item = data?.session.items.find((i) => i.id === itemId);
  const mine = item?.checklists.find((k) => k.inForce && k.reviewerId === account?.id);
  useEffect(() => {
    if (!item) return;
    const previous = new Map((mine?.marks ?? []).map((m) => [m.criterionCode, m]));
    form.setFieldsValue({
      marks: item.criteria.map((c) => {
        const before = previous.get(c.code);
        return { criterionCode: c.code, met: before?.met, comment: before?.comment, evidenceIds: before?.evidenceIds ?? [] };
      }),
    });
  }, [item, mine, form]);

  if (loadError) {
    return (
      <Page title={t('checklist.title')}>
        <LoadError error={loadError} onRetry={reload} />
      </Page>
    );
  }
  if (!data || !item) {
    return (
      <Page title={t('checklist.title')}>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Page>
    );
  }
  const { session, candidate, evidence, nurturing } = data;
  const back = ROUTES.session(session.id, item.id);
  const assigned = !!account && item.reviewers.includes(account.id);
  const conflict = !!account && item.conflicts.includes(account.id);
  const open = sessionAllows(session.status, 'SUBMIT_CHECKLIST') && item.status === 'PENDING';
  const why = !assigned ? t('checklist.notAssigned') : conflict ? t('vote.conflict') : !open ? t('checklist.closed') : null;

  const submit = async (values: ChecklistForm) => {
    setConfirming(null);
    setBusy(true);
    setError(null);
    try {
      const marks: CriterionMark[] = values.marks.map((m) => ({ criterionCode: m.criterionCode, met: m.met === true, comment: (m.comment ?? '').trim(), evidenceIds: m.evidenceIds ?? [] }));
      await api.post('/api/review-sessions/{id}/items/{itemId}/checklists', { marks, ...(mine ? { correctsId: mine.id } : {}) }, { path: { id: session.id, itemId: item.id } });
      void message.success(t(mine ? 'checklist.corrected' : 'checklist.submitted', { name: candidate.name }));
      navigate(back);
    } catch (e) {
      setError(applyServerErrors(form, e, t, i18n.language, { known: ['marks'], nested: true }));
      setBusy(false);
    }
  };

  return (
    <Page
      title={t('checklist.titleFor', { name: candidate.name })}
      subtitle={t('checklist.subtitle', { session: session.title, count: item.criteria.length })}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>
          {t('checklist.back')}
        </Button>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card data-testid="checklist-form">
            {why && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={why} />}
            {mine && !why && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('checklist.correcting', { at: format.dateTime(mine.submittedAt) })} />}
            {!mine && !why && <Typography.Paragraph>{t('checklist.intro')}</Typography.Paragraph>}
            <ErrorAlert error={error} onClose={() => setError(null)} />
            {item.criteria.length === 0 ? (
              <Empty />
            ) : (
              <Form<ChecklistForm> form={form} layout="vertical" name="checklist" onFinish={(values) => setConfirming(values)} disabled={busy || why !== null} scrollToFirstError={{ block: 'center', focus: true }}>
                <Form.List name="marks">
                  {(fields) =>
                    fields.map((field, index) => {
                      const criterion = item.criteria[index]!;
                      return (
                        <fieldset key={field.key} className="criterion" data-criterion={criterion.code}>
                          <legend>
                            <span className="criterion-number">{t('checklist.criterionNumber', { number: index + 1 })}</span> {words(criterion)}
                          </legend>
                          <Form.Item name={[field.name, 'criterionCode']} hidden>
                            <Input />
                          </Form.Item>
                          <Form.Item name={[field.name, 'met']} label={t('checklist.result')} rules={[{ required: true, message: t('checklist.chooseResult') }]}>
                            <Radio.Group
                              optionType="button"
                              buttonStyle="solid"
                              aria-label={t('checklist.resultFor', { number: index + 1 })}
                              options={[
                                { value: true, label: t('checklist.met') },
                                { value: false, label: t('checklist.notMet') },
                              ]}
                            />
                          </Form.Item>
                          <Form.Item
                            name={[field.name, 'comment']}
                            label={t('checklist.comment')}
                            extra={t('checklist.commentHint')}
                            rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 4000, message: t('validation.max', { count: 4000 }) }]}
                          >
                            <Input.TextArea rows={2} maxLength={4000} aria-label={t('checklist.commentFor', { number: index + 1 })} />
                          </Form.Item>
                          <Form.Item name={[field.name, 'evidenceIds']} label={t('checklist.evidence')} extra={evidence.length === 0 ? t('evidence.none') : undefined} style={{ marginBottom: 0 }}>
                            <Select
                              mode="multiple"
                              allowClear
                              placeholder={t('checklist.chooseEvidence')}
                              aria-label={t('checklist.evidenceFor', { number: index + 1 })}
                              options={evidence.map((f) => ({ value: f.id, label: f.fileName }))}
                            />
                          </Form.Item>
                        </fieldset>
                      );
                    })
                  }
                </Form.List>
                <div className="form-actions">
                  <Space wrap>
                    <Button type="primary" htmlType="submit" loading={busy} data-testid="checklist-submit">
                      {t(mine ? 'checklist.submitCorrection' : 'checklist.submit')}
                    </Button>
                    <Button onClick={() => navigate(back)} disabled={busy}>
                      {t('common.cancel')}
                    </Button>
                    <Typography.Text type="secondary">{t('checklist.locked')}</Typography.Text>
                  </Space>
                </div>
              </Form>
            )}
          </Card>
          <Modal
            open={confirming !== null}
            title={t(mine ? 'checklist.confirmCorrectionTitle' : 'checklist.confirmTitle')}
            okText={t(mine ? 'checklist.submitCorrection' : 'checklist.submit')}
            okButtonProps={{ 'data-testid': 'checklist-confirm' }}
            cancelText={t('checklist.keepEditing')}
            onOk={() => confirming && void submit(confirming)}
            onCancel={() => setConfirming(null)}
            destroyOnHidden
          >
            <p>{t('checklist.confirmText', { name: candidate.name, met: confirming?.marks.filter((m) => m.met === true).length ?? 0, count: item.criteria.length })}</p>
            <Alert type="warning" showIcon title={t('checklist.locked')} />
          </Modal>
        </Col>
        <Col xs={24} xl={9}>
          <div className="stack">
            <EvidenceBeside candidate={candidate} evidence={evidence} clearances={item.clearances} />
            <NurturingSection nurturing={nurturing} />
          </div>
        </Col>
      </Row>
    </Page>
  );
}
