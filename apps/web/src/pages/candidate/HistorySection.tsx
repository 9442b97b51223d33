/** The candidate's audit records, oldest first, each in words: who did what, when, and with what content. */
import { Card, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditNames, HistoryRecord as AuditRecord } from '#contracts';
import { StateTag } from '../../components/StateTag';
import { ActorName, RecordContent, useRecordWords } from '../../components/RecordContent';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';

/** Identifiers the page shows otherwise (the candidate itself is this page). */
const OMIT = new Set(['candidateId']);
const ORDER = ['name', 'kind', 'holdKind', 'field', 'year', 'discoveryChannel', 'achievement', 'subjectMatchedBy', 'movementIds', 'unitId', 'grounds', 'conclusion', 'documentNumber', 'documentDate', 'documentIssuer', 'goals', 'supporter', 'planRevision', 'date', 'strengths', 'shortcomings', 'verdict', 'note', 'repeatJustification', 'earlierRecognitions', 'reasons', 'reason', 'noticeEndsOn', 'confirmedOn', 'fileName', 'sizeBytes', 'sha256'];

export function eventLabelKey(eventType: string) {
  return `history.events.${eventType}`;
}

export function HistorySection({ records, names }: { records: AuditRecord[] | undefined; names: AuditNames | undefined }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const { words } = useRecordWords();
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
                <Typography.Text strong>{words(r.eventLabel) || label('event', r.eventType) || t('history.unnamedEvent')}</Typography.Text>
                <Typography.Text type="secondary">
                  <ActorName actor={r.actor} names={names} /> · {format.dateTime(r.occurredAt)}
                </Typography.Text>
              </Space>
              {r.toState && r.fromState !== r.toState && (
                <div className="history-states">
                  {r.fromState ? <StateTag state={r.fromState} /> : null}
                  {r.fromState ? <span aria-label={t('history.to')}>→</span> : <span>{t('history.startsAs')}</span>}
                  <StateTag state={r.toState} />
                </div>
              )}
              <RecordContent payload={r.payload ?? {}} names={names} omit={OMIT} order={ORDER} />
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
