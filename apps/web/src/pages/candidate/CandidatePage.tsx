/**
 * One candidate: where it stands on the statechart, what the reader may do now, its nurturing plan and
 * check-ins, the council's reviews (checklists and decision), its evidence and its whole history. The
 * council's decisions are taken in a review session, never here: the page links to the session instead.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { CANDIDATE_STATES, COUNCIL_DECISION_EVENTS, GUARD_REQUIREMENTS, candidateMachine, maySend, type CandidateContext, type CandidateEvent, type CandidateEventType, type CandidateState } from '#workflow';
import type { CandidateDetail, CandidateHistory, CandidateReviews, CandidateView, EvidenceView, HoldList, NurturingPlanView, NurturingView } from '#contracts';
import { sessionClosed } from '#workflow';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { StateChart } from '../../components/statechart/StateChart';
import { StateTag } from '../../components/StateTag';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import type { NominatedState } from '../NominatePage';
import { DANGEROUS, EventDialog, REPLICATION_EVENTS, hasForm } from './EventForms';
import { ProposeUpwardAction } from '../councils/ProposeUpward';
import { EvidenceSection } from './EvidenceSection';
import { AchievementReportSection } from './AchievementReportSection';
import { HistorySection } from './HistorySection';
import { HoldBanner, HoldsSection } from './HoldsSection';
import { RepeatRecognitionNotice } from './RepeatRecognitionNotice';
import { MovementsSection } from './MovementsSection';
import { NurturingSection } from './NurturingSection';
import { REPLICATION_STATES, ReplicationSection } from './ReplicationSection';
import { ReviewsSection } from './ReviewsSection';
import { CandidateUnits } from './CandidateUnits';

/**
 * The page's sections in reading order, each with the anchor the outline links to (the address keeps it, so a
 * link to "…#lich-su" opens the history).
 */
const SECTIONS = [
  { id: 'thong-tin', label: 'candidate.outline.details' },
  { id: 'so-do', label: 'candidate.outline.statechart' },
  { id: 'nhan-rong', label: 'candidate.outline.replication', when: 'replication' },
  { id: 'tam-dung', label: 'candidate.outline.holds' },
  { id: 'phong-trao', label: 'candidate.outline.movements' },
  { id: 'boi-duong', label: 'candidate.outline.nurturing' },
  { id: 'hoi-dong', label: 'candidate.outline.reviews' },
  { id: 'bao-cao', label: 'candidate.outline.report' },
  { id: 'minh-chung', label: 'candidate.outline.evidence' },
  { id: 'lich-su', label: 'candidate.outline.history' },
] as const;

/** The outline: a bar of links to the sections, kept at the top while the page scrolls. */
function Outline({ replication }: { replication: boolean }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('candidate.outline.title')} className="candidate-outline" data-testid="candidate-outline">
      <ul>
        {SECTIONS.filter((s) => !('when' in s) || replication).map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>{t(s.label)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

interface CandidateData {
  candidate: CandidateDetail;
  nurturing: NurturingView;
  evidence: EvidenceView[];
  history: CandidateHistory;
  reviews: CandidateReviews;
  holds: HoldList;
}

async function loadCandidate(id: string, signal: AbortSignal): Promise<CandidateData> {
  const [candidate, nurturing, evidence, history, reviews, holds] = await Promise.all([
    api.get('/api/candidates/{id}', { path: { id }, signal }),
    api.get('/api/candidates/{id}/nurturing', { path: { id }, signal }),
    api.get('/api/candidates/{id}/evidence', { path: { id }, signal }),
    api.get('/api/candidates/{id}/history', { path: { id }, signal }),
    api.get('/api/candidates/{id}/reviews', { path: { id }, signal }),
    api.get('/api/candidates/{id}/holds', { path: { id }, signal }),
  ]);
  return { candidate, nurturing, evidence, history, reviews, holds };
}

/**
 * Guarded steps out of the current state that the machine refuses now, each with the conditions still
 * unmet: the machine's own requirements, checked against the candidate's figures (the check-ins of this
 * round are those recorded since the plan that started or resumed nurturing).
 */
function blockedSteps(candidate: CandidateView & { openHolds: number }, nurturing: NurturingView, allowed: CandidateEventType[]) {
  const roundStart = [nurturing.currentPlan, ...nurturing.planHistory]
    .filter((p): p is NurturingPlanView => p !== null && (p.writtenByEvent === 'START_NURTURING' || p.writtenByEvent === 'RESUME_NURTURING'))
    .map((p) => p.writtenAt)
    .sort()
    .pop();
  const context: CandidateContext = {
    kind: candidate.kind,
    checkIns: candidate.counts.checkIns,
    checkInsThisRound: roundStart ? nurturing.checkIns.filter((c) => c.recordedAt >= roundStart).length : 0,
    evidenceFiles: candidate.counts.evidenceFiles,
    planVersions: candidate.counts.planVersions,
    returns: candidate.counts.returns,
    openHolds: candidate.openHolds,
  };
  const on = candidateMachine.states[candidate.state]?.on as Record<string, readonly { guard?: unknown }[]> | undefined;
  return Object.entries(on ?? {}).flatMap(([type, transitions]) =>
    transitions
      .filter((tr) => typeof tr.guard === 'string' && !allowed.includes(type as CandidateEventType) && !COUNCIL_DECISION_EVENTS.has(type as CandidateEventType))
      .map((tr) => ({
        type: type as CandidateEventType,
        // The requirements a person can act on read only the context; the council's (which read the event's verdict) are left out.
        requirements: (GUARD_REQUIREMENTS[tr.guard as keyof typeof GUARD_REQUIREMENTS] ?? []).filter((r) => !r.met(context, { type } as CandidateEvent)),
      }))
      .filter((b) => b.requirements.length > 0),
  );
}

export function CandidatePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { label, words } = useLabels();
  const format = useFormat();
  const { account } = useAuth();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const nominated = (location.state as NominatedState | null)?.nominated ? (location.state as NominatedState) : null;
  const [event, setEvent] = useState<CandidateEventType | null>(null);
  const { data, error, loading, reload } = useAsync((signal) => loadCandidate(id, signal), [id]);

  if (error) {
    return (
      <Page title={t('candidate.title')}>
        <LoadError error={error} onRetry={reload} />
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(ROUTES.candidates)}>
          {t('candidate.backToList')}
        </Button>
      </Page>
    );
  }
  if (!data) {
    return (
      <Page title={t('candidate.title')}>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Page>
    );
  }

  const { candidate, nurturing, evidence, history, reviews, holds } = data;
  // The session that holds the candidate now (under review, or on public notice after the council's proposal).
  const current = [...reviews.reviews].reverse().find((r) => r.closedAt === null && !sessionClosed(r.session.status));
  const councilRole = account?.role === 'COUNCIL_SECRETARY' || account?.role === 'COUNCIL_MEMBER' || account?.role === 'AUDITOR';
  const allowed = candidate.allowedEvents.map((e) => e.type);
  const mine = allowed.filter((type) => maySend(account?.role, type) && hasForm(type));
  const visited = [...new Set(history.records.flatMap((r) => [r.fromState, r.toState]).filter((s): s is CandidateState => s !== null))];
  const replicationShown = REPLICATION_STATES.includes(candidate.state);
  // The replication records are added from their own section, beside what they add to.
  const actionButtons = replicationShown ? mine.filter((type) => !(REPLICATION_EVENTS as readonly CandidateEventType[]).includes(type)) : mine;
  const blocked = account?.role === 'UNIT_HEAD' ? blockedSteps(candidate, nurturing, allowed).filter((b) => maySend(account.role, b.type)) : [];

  return (
    <Page
      title={candidate.name}
      subtitle={
        <Space wrap size={[8, 4]}>
          <span data-testid="candidate-state">
            <StateTag state={candidate.state} />
          </span>
          <span>{label('kind', candidate.kind)}</span>
          <span>· {candidate.unit?.name}</span>
          <span>· {t('candidate.yearValue', { year: candidate.year })}</span>
        </Space>
      }
      extra={
        <>
          <Button icon={<PrinterOutlined />} onClick={() => navigate(ROUTES.dossier(candidate.id))}>
            {t('candidate.printDossier')}
          </Button>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(ROUTES.candidates)}>
            {t('candidate.backToList')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading} aria-label={t('common.reload')}>
            {t('common.reload')}
          </Button>
        </>
      }
    >
      {nominated && (
        <Alert
          type={nominated.uploadFailures.length > 0 ? 'warning' : 'success'}
          showIcon
          role="status"
          closable
          style={{ marginBottom: 16 }}
          title={nominated.uploadFailures.length > 0 ? t('nominate.createdWithFailures') : t('nominate.created')}
          description={
            nominated.uploadFailures.length > 0 ? (
              <ul className="error-details">
                {nominated.uploadFailures.map((f) => (
                  <li key={f.fileName}>
                    {f.fileName}: {f.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}

      <HoldBanner candidateId={candidate.id} holds={holds.holds} />
      <RepeatRecognitionNotice repeat={candidate.repeatRecognition} style={{ marginBottom: 16 }} />
      <Outline replication={replicationShown} />

      <Row gutter={[16, 16]} id="thong-tin" className="candidate-section">
        <Col xs={24} xl={15}>
          <Card title={<h2 className="card-heading">{t('candidate.details')}</h2>} style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'kind', label: t('candidate.kind'), children: label('kind', candidate.kind) },
                { key: 'year', label: t('candidate.year'), children: candidate.year },
                { key: 'unit', label: t('candidate.unit'), children: <CandidateUnits candidateId={candidate.id} fallback={candidate.unit?.name} /> },
                { key: 'field', label: t('candidate.field'), children: label('field', candidate.field) },
                { key: 'channel', label: t('candidate.discoveryChannel'), children: label('channel', candidate.discoveryChannel), span: 'filled' },
                { key: 'achievement', label: t('candidate.achievement'), children: <span className="pre-wrap">{candidate.achievement}</span>, span: 'filled' },
                { key: 'stage', label: t('candidate.stage'), children: candidate.stage ? label('stage', candidate.stage) : t('candidate.noStage') },
                { key: 'counts', label: t('candidate.counts'), children: t('candidate.countsValue', { checkIns: format.number(candidate.counts.checkIns), files: format.number(candidate.counts.evidenceFiles), plans: format.number(candidate.counts.planVersions) }) },
                { key: 'created', label: t('candidate.createdBy'), children: t('candidate.createdByValue', { by: words(history.names.people[candidate.createdBy]?.name) || candidate.createdBy, at: format.dateTime(candidate.createdAt) }) },
                { key: 'updated', label: t('candidate.updatedAt'), children: format.dateTime(candidate.updatedAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={<h2 className="card-heading">{t('actions.title')}</h2>} style={{ height: '100%' }} data-testid="actions">
            {actionButtons.length > 0 ? (
              <Flex vertical gap={8} role="group" aria-label={t('actions.title')}>
                {actionButtons.map((type) => (
                  <Button key={type} type={DANGEROUS.includes(type) ? 'default' : 'primary'} danger={DANGEROUS.includes(type)} ghost={false} block onClick={() => setEvent(type)} data-event={type}>
                    {label('event', type)}
                  </Button>
                ))}
              </Flex>
            ) : mine.length > 0 ? (
              <Typography.Paragraph type="secondary">{t('actions.replicationBelow')}</Typography.Paragraph>
            ) : (
              <Typography.Paragraph type="secondary">{allowed.length > 0 || !CANDIDATE_STATES.find((x) => x.code === candidate.state)?.final ? t('actions.notYours') : t('actions.none')}</Typography.Paragraph>
            )}
            <ProposeUpwardAction candidateId={candidate.id} state={candidate.state} role={account?.role} />
            {(candidate.state === 'underReview' || candidate.state === 'publicNotice') && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 12 }}
                data-testid="council-holds"
                title={current ? t('actions.inSession', { session: current.session.title }) : t('actions.awaitingSession')}
                description={
                  <>
                    {t(candidate.state === 'publicNotice' ? 'actions.onNoticeHint' : 'actions.councilDecides')}
                    {current && councilRole && (
                      <div style={{ marginTop: 4 }}>
                        <Link to={ROUTES.session(current.session.id, current.id)}>{t('actions.openSession')}</Link>
                      </div>
                    )}
                  </>
                }
              />
            )}
            {blocked.map((b) => (
              <Alert
                key={b.type}
                type="info"
                showIcon
                style={{ marginTop: 12 }}
                title={t('actions.blocked', { action: label('event', b.type) })}
                description={
                  <ul className="plain-list">
                    {b.requirements.map((r) => (
                      <li key={r.code}>{words(r)}</li>
                    ))}
                  </ul>
                }
              />
            ))}
          </Card>
        </Col>
      </Row>

      <Card title={<h2 className="card-heading">{t('statechart.heading')}</h2>} style={{ marginTop: 16 }} id="so-do" className="candidate-section">
        <StateChart current={candidate.state} allowed={mine} visited={visited} />
      </Card>

      <div className="stack">
        {replicationShown && (
          <div id="nhan-rong" className="candidate-section">
            <ReplicationSection candidate={candidate} recordable={mine} onRecord={setEvent} />
          </div>
        )}
        <div id="tam-dung" className="candidate-section">
          <HoldsSection candidateId={candidate.id} version={candidate.version} holds={holds.holds} allowed={allowed} role={account?.role} people={history.names.people} onChanged={reload} />
        </div>
        <div id="phong-trao" className="candidate-section">
          <MovementsSection candidateId={candidate.id} editable={account?.role === 'UNIT_HEAD'} />
        </div>
        <div id="boi-duong" className="candidate-section">
          <NurturingSection nurturing={nurturing} />
        </div>
        <div id="hoi-dong" className="candidate-section">
          <ReviewsSection reviews={reviews.reviews} evidence={evidence} role={account?.role} names={history.names} onChanged={reload} />
        </div>
        <div id="bao-cao" className="candidate-section">
          <AchievementReportSection candidateId={candidate.id} role={account?.role} />
        </div>
        <div id="minh-chung" className="candidate-section">
          <EvidenceSection files={evidence} names={history.names} />
        </div>
        <div id="lich-su" className="candidate-section">
          <HistorySection records={history.records} names={history.names} />
        </div>
      </div>

      <EventDialog
        candidate={candidate}
        event={event}
        currentPlan={nurturing.currentPlan}
        onClose={() => setEvent(null)}
        onStale={() => {
          setEvent(null);
          reload();
        }}
        onDone={(done, result) => {
          setEvent(null);
          // One notice at a time: the newest step replaces the one before.
          void message.success({ key: 'candidate-event', content: t('actions.done', { action: label('event', done), state: label('state', result.state) }) });
          navigate(location.pathname, { replace: true, state: null });
          reload();
        }}
      />
    </Page>
  );
}
