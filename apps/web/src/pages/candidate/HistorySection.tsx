/** The candidate's audit records, oldest first, each in words: who did what, when, and with what content. */
import type { ReactNode } from 'react';
import { Card, Descriptions, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryRecord as AuditRecord, Verdict } from '#contracts';
import { HOLD_KINDS } from '#workflow';
import type { EarlierRecognition } from '#contracts';
import { StateTag } from '../../components/StateTag';
import { useLabels, type Vocabulary } from '../../domain/labels';
import { useFormat } from '../../lib/format';

/** Payload keys whose values are codes of a vocabulary. */
const CODED: Record<string, Vocabulary> = { kind: 'kind', field: 'field', discoveryChannel: 'channel' };
/** Keys not worth showing to a person (identifiers the page shows otherwise). */
const HIDDEN = new Set(['unitId', 'evidenceId', 'planId', 'checkInId', 'contentType', 'subjectId', 'sessionId', 'upheldCommentIds', 'holdId', 'liftId', 'newSubject']);
const ORDER = ['name', 'kind', 'holdKind', 'field', 'year', 'discoveryChannel', 'achievement', 'grounds', 'conclusion', 'documentNumber', 'documentDate', 'documentIssuer', 'goals', 'supporter', 'planRevision', 'date', 'strengths', 'shortcomings', 'verdict', 'note', 'repeatJustification', 'earlierRecognitions', 'reasons', 'reason', 'noticeEndsOn', 'confirmedOn', 'fileName', 'sizeBytes', 'sha256'];
const DATES = new Set(['date', 'noticeEndsOn', 'confirmedOn', 'documentDate']);
const holdKindWords = (code: string) => HOLD_KINDS.find((k) => k.code === code);

export function eventLabelKey(eventType: string) {
  return `history.events.${eventType}`;
}

function PayloadView({ payload }: { payload: Record<string, unknown> }) {
  const { t } = useTranslation();
  const { label, words } = useLabels();
  const format = useFormat();
  // A hold's record says what kind of hold, not what kind of subject.
  const isHold = 'holdId' in payload;
  const keys = Object.keys(payload)
    .filter((k) => !HIDDEN.has(k) && payload[k] !== undefined && payload[k] !== null && payload[k] !== '')
    .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
  if (keys.length === 0) return null;
  const show = (key: string, value: unknown): ReactNode => {
    if ((key === 'kind' && isHold) || key === 'holdKind') return words(holdKindWords(String(value))) || String(value);
    if (key === 'earlierRecognitions') {
      return (
        <ul className="plain-list">
          {(value as EarlierRecognition[]).map((e) => (
            <li key={e.candidateId}>
              {e.name} ({e.year}){e.decision ? `: ${t('repeat.decision', { number: e.decision.number, date: format.date(e.decision.issuedOn) })}` : ''}
            </li>
          ))}
        </ul>
      );
    }
    if (CODED[key]) return label(CODED[key], String(value));
    if (DATES.has(key)) return format.date(String(value));
    if (key === 'verdict') {
      const verdict = value as Verdict;
      if ('ruleSet' in verdict) {
        const { tally, ruleSet } = verdict;
        return t('history.ruleSetVerdictValue', { inFavour: tally.inFavour, against: tally.against, abstain: tally.abstain, members: tally.members, code: ruleSet.code, version: ruleSet.version });
      }
      const { tally, rules } = verdict;
      return t('history.verdictValue', { inFavour: tally.inFavour, against: tally.against, abstain: tally.abstain, participants: tally.participants, eligible: tally.eligible, percent: rules.recognitionPercent });
    }
    if (key === 'sizeBytes') return format.bytes(Number(value));
    if (key === 'sha256') return <Typography.Text code>{String(value)}</Typography.Text>;
    if (Array.isArray(value)) return <ul className="plain-list">{value.map((v) => <li key={String(v)}>{String(v)}</li>)}</ul>;
    if (typeof value === 'object') return <code>{JSON.stringify(value)}</code>;
    return <span className="pre-wrap">{String(value)}</span>;
  };
  return (
    <Descriptions
      size="small"
      column={1}
      className="history-payload"
      items={keys.map((key) => ({ key, label: t(`history.fields.${key}`, { defaultValue: key }), children: show(key, payload[key]) }))}
    />
  );
}

export function HistorySection({ records }: { records: AuditRecord[] | undefined }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const format = useFormat();
  return (
    <Card title={<h2 className="card-heading">{t('history.title')}</h2>} data-testid="history">
      <Typography.Paragraph type="secondary">{t('history.hint')}</Typography.Paragraph>
      <Timeline
        items={(records ?? []).map((r) => ({
          key: r.seq,
          color: r.toState === 'rejected' || r.toState === 'withdrawn' ? 'red' : r.fromState !== r.toState ? 'blue' : 'gray',
          content: (
            <div className="history-record" data-event={r.eventType}>
              <Space wrap size={[8, 2]}>
                <Typography.Text strong>{t(eventLabelKey(r.eventType), { defaultValue: label('event', r.eventType) })}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('history.byAt', { by: r.actor, at: format.dateTime(r.occurredAt) })}
                </Typography.Text>
              </Space>
              {r.toState && r.fromState !== r.toState && (
                <div className="history-states">
                  {r.fromState ? <StateTag state={r.fromState} /> : null}
                  {r.fromState ? <span aria-label={t('history.to')}>→</span> : <span>{t('history.startsAs')}</span>}
                  <StateTag state={r.toState} />
                </div>
              )}
              <PayloadView payload={r.payload ?? {}} />
              <Typography.Text type="secondary" className="history-hash" title={r.hash}>
                {t('history.record', { seq: r.seq, hash: r.hash.slice(0, 12) })}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    </Card>
  );
}
