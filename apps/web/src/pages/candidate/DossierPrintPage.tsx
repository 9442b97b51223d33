/**
 * The candidate's dossier as one printable document (bản in hồ sơ): its data and achievement, the achievement
 * report, the evidence list, the nurturing plan and check-ins, the council's reviews, the decisions naming it and
 * its history. Print CSS (styles.css, "@media print") leaves only the document on paper. Reads only, through the
 * same routes as the candidate page; people are named by their names, never by their login names.
 */
import { Alert, Button, Skeleton } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { AuditNames, DecisionView } from '#contracts';
import { api } from '../../api/client';
import { ROUTES } from '../../app/routes';
import { LoadError } from '../../components/ErrorAlert';
import { useRecordWords } from '../../components/RecordContent';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

const REPORT_SECTIONS = ['profile', 'achievements', 'methods', 'impact', 'earlierAwards'] as const;

async function loadDossier(id: string, signal: AbortSignal) {
  const path = { id };
  const [candidate, nurturing, evidence, history, reviews, report] = await Promise.all([
    api.get('/api/candidates/{id}', { path, signal }),
    api.get('/api/candidates/{id}/nurturing', { path, signal }),
    api.get('/api/candidates/{id}/evidence', { path, signal }),
    api.get('/api/candidates/{id}/history', { path, signal }),
    api.get('/api/candidates/{id}/reviews', { path, signal }),
    api.get('/api/candidates/{id}/achievement-report', { path, signal }),
  ]);
  // The decisions of the sessions that reviewed it, those naming it.
  const sessions = [...new Set(reviews.reviews.map((r) => r.session.id))];
  const lists = await Promise.all(sessions.map((sessionId) => api.get('/api/decisions', { query: { sessionId }, signal })));
  const decisions = lists.flat().filter((d) => d.recipients.some((r) => r.candidateId === id));
  return { candidate, nurturing, evidence, history, reviews, report, decisions };
}

/** A person by their name (the account's full name), never by their login name. */
function Person({ username, names }: { username: string | null; names: AuditNames | undefined }) {
  const { words } = useRecordWords();
  if (!username) return null;
  const person = names?.people[username];
  return <>{person ? words(person.name) : username}</>;
}

export function DossierPrintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { label, words } = useLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const { data, error, reload } = useAsync((signal) => loadDossier(id, signal), [id]);
  useEffect(() => {
    if (data) document.title = `${t('dossierPrint.title')}: ${data.candidate.name} · ${t('app.title')}`;
  }, [data, t]);

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const { candidate, nurturing, evidence, history, reviews, report, decisions } = data;
  const names = history.names;
  const plan = nurturing.currentPlan;

  return (
    <>
      <div className="dossier-toolbar">
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('dossierPrint.print')}
        </Button>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(ROUTES.candidate(candidate.id))}>
          {t('dossierPrint.back')}
        </Button>
      </div>
      <article className="dossier-print" aria-labelledby="page-title" data-testid="dossier">
        <h1 id="page-title" tabIndex={-1}>
          {t('dossierPrint.heading')}
        </h1>
        <p className="dossier-subtitle">
          <strong>{candidate.name}</strong>
          <br />
          {t('dossierPrint.subtitle', { kind: label('kind', candidate.kind), unit: candidate.unit?.name ?? '', year: candidate.year, date: format.date(new Date().toISOString()) })}
        </p>

        <h2>{t('dossierPrint.sections.details')}</h2>
        <table>
          <tbody>
            <tr><th scope="row">{t('candidate.kind')}</th><td>{label('kind', candidate.kind)}</td></tr>
            <tr><th scope="row">{t('candidate.unit')}</th><td>{candidate.unit?.name}</td></tr>
            <tr><th scope="row">{t('candidate.field')}</th><td>{label('field', candidate.field)}</td></tr>
            <tr><th scope="row">{t('candidate.year')}</th><td>{candidate.year}</td></tr>
            <tr><th scope="row">{t('candidate.discoveryChannel')}</th><td>{label('channel', candidate.discoveryChannel)}</td></tr>
            <tr><th scope="row">{t('dossierPrint.state')}</th><td>{label('state', candidate.state)}</td></tr>
            <tr><th scope="row">{t('candidate.createdBy')}</th><td><Person username={candidate.createdBy} names={names} />, {format.dateTime(candidate.createdAt)}</td></tr>
          </tbody>
        </table>
        <h3>{t('candidate.achievement')}</h3>
        <p className="pre-wrap">{candidate.achievement}</p>

        <h2>{t('dossierPrint.sections.report')}</h2>
        {report.version === 0 ? (
          <p>{t('dossierPrint.reportDraft')}</p>
        ) : (
          <p>{t('dossierPrint.reportVersion', { version: report.version, at: format.dateTime(report.writtenAt) })}</p>
        )}
        {REPORT_SECTIONS.map((key) => (
          <div key={key} className="dossier-block">
            <h3>{t(`dossier.report.sections.${key}`)}</h3>
            <p className="pre-wrap">{report.content[key] || '—'}</p>
          </div>
        ))}

        <h2>{t('dossierPrint.sections.evidence', { count: evidence.length })}</h2>
        {evidence.length === 0 ? (
          <p>{t('dossierPrint.none')}</p>
        ) : (
          <table data-testid="dossier-evidence">
            <thead>
              <tr><th>#</th><th>{t('dossierPrint.fileName')}</th><th>{t('dossierPrint.size')}</th><th>{t('dossierPrint.uploaded')}</th></tr>
            </thead>
            <tbody>
              {evidence.map((f, i) => (
                <tr key={f.id}>
                  <td>{i + 1}</td>
                  <td>{f.fileName}</td>
                  <td>{format.bytes(f.sizeBytes)}</td>
                  <td><Person username={f.uploadedBy} names={names} />, {format.dateTime(f.uploadedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h2>{t('dossierPrint.sections.nurturing')}</h2>
        {plan ? (
          <div className="dossier-block">
            <p>
              <strong>{t('dossierPrint.plan', { revision: plan.revision })}</strong> — <Person username={plan.writtenBy} names={names} />, {format.dateTime(plan.writtenAt)}
            </p>
            <p className="pre-wrap">
              {t('dossierPrint.goals')}: {plan.goals}
              {plan.supporter ? `\n${t('dossierPrint.supporter')}: ${plan.supporter}` : ''}
            </p>
          </div>
        ) : (
          <p>{t('dossierPrint.noPlan')}</p>
        )}
        <h3>{t('dossierPrint.checkIns', { count: nurturing.checkIns.length })}</h3>
        {nurturing.checkIns.length === 0 ? (
          <p>{t('dossierPrint.none')}</p>
        ) : (
          <table data-testid="dossier-check-ins">
            <thead>
              <tr><th>{t('dossierPrint.date')}</th><th>{t('dossierPrint.strengths')}</th><th>{t('dossierPrint.shortcomings')}</th><th>{t('dossierPrint.recordedBy')}</th></tr>
            </thead>
            <tbody>
              {[...nurturing.checkIns].reverse().map((c) => (
                <tr key={c.id}>
                  <td>{format.date(c.date)}</td>
                  <td className="pre-wrap">{c.strengths}</td>
                  <td className="pre-wrap">{c.shortcomings}</td>
                  <td><Person username={c.recordedBy} names={names} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h2>{t('dossierPrint.sections.reviews')}</h2>
        {reviews.reviews.length === 0 ? (
          <p>{t('dossierPrint.none')}</p>
        ) : (
          <table data-testid="dossier-reviews">
            <thead>
              <tr><th>{t('dossierPrint.session')}</th><th>{t('dossierPrint.outcome')}</th><th>{t('dossierPrint.votes')}</th></tr>
            </thead>
            <tbody>
              {reviews.reviews.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.session.title}
                    <br />
                    {label('sessionStatus', r.session.status)}
                  </td>
                  <td>{r.outcome ? t(`council.outcome.${r.outcome}`) : t('dossierPrint.noOutcome')}</td>
                  <td>{r.verdict ? t('dossierPrint.tally', { inFavour: r.verdict.tally.inFavour, against: r.verdict.tally.against, abstain: r.verdict.tally.abstain }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h2>{t('dossierPrint.sections.decisions')}</h2>
        {decisions.length === 0 ? (
          <p>{t('dossierPrint.noDecisions')}</p>
        ) : (
          <table data-testid="dossier-decisions">
            <thead>
              <tr><th>{t('dossierPrint.decisionNumber')}</th><th>{t('dossierPrint.decisionSubject')}</th><th>{t('dossierPrint.signer')}</th></tr>
            </thead>
            <tbody>
              {decisions.map((d: DecisionView) => (
                <tr key={d.id}>
                  <td>
                    {d.number}
                    <br />
                    {format.date(d.issuedOn)}
                  </td>
                  <td>{d.subject}</td>
                  <td>
                    {d.signerTitle} {d.signerName}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h2>{t('dossierPrint.sections.history', { count: history.records.length })}</h2>
        <table data-testid="dossier-history">
          <thead>
            <tr><th>{t('dossierPrint.when')}</th><th>{t('dossierPrint.what')}</th><th>{t('dossierPrint.who')}</th></tr>
          </thead>
          <tbody>
            {history.records.map((r) => (
              <tr key={r.seq}>
                <td>{format.dateTime(r.occurredAt)}</td>
                <td>
                  {words(r.eventLabel) || label('event', r.eventType)}
                  {r.toState && r.fromState !== r.toState ? ` (${r.fromState ? `${label('state', r.fromState)} → ` : ''}${label('state', r.toState)})` : ''}
                </td>
                <td><Person username={r.actor} names={names} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        {candidate.state === 'withdrawn' && <Alert type="warning" title={t('dossierPrint.withdrawn')} />}
      </article>
    </>
  );
}
