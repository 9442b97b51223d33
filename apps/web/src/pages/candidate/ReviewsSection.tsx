/**
 * "Hội đồng xét": every review of the candidate by the council — the session, the criteria version it was judged
 * against, the reviewers' checklists, the vote's outcome explained, and (while the proposed recognition is on
 * public notice) a way for the unit to send a comment.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditNames, CandidateReview } from '#contracts';
import type { Role } from '#domain';
import { sessionAllows } from '#workflow';
import type { EvidenceView as EvidenceFile } from '#contracts';
import { ROUTES } from '../../app/routes';
import { COUNCIL_READERS } from '../../app/routes';
import { useLabels } from '../../domain/labels';
import { useFormat } from '../../lib/format';
import { ItemStatusTag, OutcomeTag } from '../council/common';
import { RecordCommentDialog } from '../council/NoticePanel';
import { ChecklistsView, VerdictView } from '../council/ReviewViews';

export function ReviewsSection({ reviews, evidence, role, names, onChanged }: { reviews: CandidateReview[]; evidence: EvidenceFile[]; role: Role | undefined; names: AuditNames | undefined; onChanged(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { label, words } = useLabels();
  const { message } = AntApp.useApp();
  const [commenting, setCommenting] = useState<CandidateReview | null>(null);
  const council = role !== undefined && (COUNCIL_READERS as readonly Role[]).includes(role);
  return (
    <Card title={<h2 className="card-heading">{t('reviews.title')}</h2>} data-testid="reviews">
      {reviews.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviews.none')} />
      ) : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {[...reviews].reverse().map((review) => {
            const onNotice = sessionAllows(review.session.status, 'RECORD_COMMENT') && review.status === 'DECIDED' && review.outcome === 'RECOGNISE' && review.closedAt === null;
            return (
              <section key={review.id} className="review" aria-label={review.session.title} data-testid={`review-${review.id}`}>
                <Space wrap size={[8, 4]} style={{ marginBottom: 8 }}>
                  <Typography.Title level={3} className="section-heading" style={{ margin: 0 }}>
                    {council ? <Link to={ROUTES.session(review.session.id, review.id)}>{review.session.title}</Link> : review.session.title}
                  </Typography.Title>
                  <Tag>{label('sessionStatus', review.session.status)}</Tag>
                  <ItemStatusTag status={review.status} />
                  {review.outcome && <OutcomeTag outcome={review.outcome} />}
                </Space>
                <Typography.Paragraph type="secondary">
                  {t('reviews.criteria', { name: t(`criteria.set.${review.criteriaSet.code}`), version: review.criteriaSet.version, count: review.criteria.length })}
                  {review.decidedBy && ` · ${t('session.decidedBy', { by: words(names?.people[review.decidedBy]?.name) || review.decidedBy, at: format.dateTime(review.decidedAt) })}`}
                </Typography.Paragraph>
                {review.verdict ? (
                  <VerdictView verdict={review.verdict} outcome={review.outcome} quorumMet={review.quorumMet} thresholdMet={review.thresholdMet} findings={review.findings} figures={review.figures} castingVote={review.castingVote} />
                ) : (
                  <Typography.Paragraph>{t('reviews.pending', { reviewers: review.reviewers.length, submitted: review.checklists.filter((k) => k.inForce).length })}</Typography.Paragraph>
                )}
                <Typography.Title level={4} className="section-heading" style={{ marginTop: 12 }}>
                  {t('reviews.checklists')}
                </Typography.Title>
                <ChecklistsView checklists={review.checklists} criteria={review.criteria} candidateId={review.candidate.id} evidence={evidence} />
                {onNotice && (
                  <div style={{ marginTop: 12 }}>
                    <Typography.Paragraph>{t('reviews.onNotice')}</Typography.Paragraph>
                    {role === 'UNIT_HEAD' && <Button onClick={() => setCommenting(review)}>{t('reviews.sendComment')}</Button>}
                  </div>
                )}
              </section>
            );
          })}
        </Space>
      )}
      {commenting && (
        <RecordCommentDialog
          session={{ id: commenting.session.id, items: [], notice: null }}
          itemId={commenting.id}
          open
          onClose={() => setCommenting(null)}
          onDone={() => {
            setCommenting(null);
            void message.success(t('notice.recorded'));
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
