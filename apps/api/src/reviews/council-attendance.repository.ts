/** The SQL of what a session judged by a rule set records: the pinned rule set, written opinions, casting votes. */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CastingVote, ReviewSessionRuleSet, WrittenOpinion } from './council-attendance.entities.js';

export type PinnedRuleSetRow = Omit<ReviewSessionRuleSet, 'session' | 'ruleSet'> & { nameVi: string; nameEn: string; sourceVi: string; sourceEn: string; code: string; version: number };
export type WrittenOpinionRow = Omit<WrittenOpinion, 'session' | 'account' | 'content'>;
export type CastingVoteRow = Omit<CastingVote, 'item'>;

@Injectable()
export class CouncilAttendanceRepository {
  /** The rule set a session pinned, with its version's names; null for a session opened before rule sets. */
  async pinned(em: EntityManager, sessionId: string): Promise<PinnedRuleSetRow | null> {
    const [row] = (await em.query(
      `SELECT p.session_id AS "sessionId", p.rule_set_id AS "ruleSetId", p.rules, p.considers_awards AS "considersAwards",
              r.code, r.version, r.name_vi AS "nameVi", r.name_en AS "nameEn", r.source_vi AS "sourceVi", r.source_en AS "sourceEn"
         FROM review_session_rule_set p JOIN council_rule_set r ON r.id = p.rule_set_id WHERE p.session_id = $1`,
      [sessionId],
    )) as PinnedRuleSetRow[];
    return row ?? null;
  }

  async pin(em: EntityManager, row: Omit<ReviewSessionRuleSet, 'session' | 'ruleSet'>): Promise<void> {
    await em.insert(ReviewSessionRuleSet, row);
  }

  async writtenOpinions(em: EntityManager, sessionId: string): Promise<WrittenOpinionRow[]> {
    return em.getRepository(WrittenOpinion).find({
      select: { id: true, sessionId: true, accountId: true, fileName: true, contentType: true, sizeBytes: true, sha256: true, choices: true, recordedBy: true, recordedAt: true },
      where: { sessionId },
      order: { recordedAt: 'ASC', id: 'ASC' },
    });
  }

  async writtenOpinionFile(em: EntityManager, sessionId: string, id: string): Promise<Pick<WrittenOpinion, 'fileName' | 'contentType' | 'content' | 'sha256'> | null> {
    return em.getRepository(WrittenOpinion).findOne({ select: { fileName: true, contentType: true, content: true, sha256: true }, where: { sessionId, id } });
  }

  async insertWrittenOpinion(em: EntityManager, row: Omit<WrittenOpinion, 'session' | 'account'>): Promise<void> {
    await em.insert(WrittenOpinion, row);
  }

  async castingVotes(em: EntityManager, sessionId: string): Promise<Map<string, CastingVoteRow>> {
    const rows = (await em.query(
      `SELECT c.item_id AS "itemId", c.choice, c.recorded_by AS "recordedBy", c.recorded_at AS "recordedAt" FROM casting_vote c JOIN review_item i ON i.id = c.item_id WHERE i.session_id = $1`,
      [sessionId],
    )) as CastingVoteRow[];
    return new Map(rows.map((r) => [r.itemId, r]));
  }

  async insertCastingVote(em: EntityManager, row: CastingVoteRow): Promise<void> {
    await em.insert(CastingVote, row);
  }

  /** Each member's attendance, as the secretariat records it when voting opens. */
  async recordAttendance(em: EntityManager, sessionId: string, attendance: Map<string, 'PRESENT' | 'WRITTEN_OPINION' | 'ABSENT'>): Promise<void> {
    const ids = [...attendance.keys()];
    await em.query(
      `UPDATE review_session_member m SET attendance = a.attendance FROM unnest($2::uuid[], $3::text[]) AS a(account_id, attendance) WHERE m.session_id = $1 AND m.account_id = a.account_id`,
      [sessionId, ids, ids.map((id) => attendance.get(id)!)],
    );
  }

  /** The share of women (percent) of each candidate that has one. */
  async womenShares(em: EntityManager, candidateIds: string[]): Promise<Map<string, number>> {
    if (candidateIds.length === 0) return new Map();
    const rows = (await em.query('SELECT candidate_id AS "candidateId", percent FROM candidate_women_share WHERE candidate_id = ANY($1::uuid[])', [candidateIds])) as { candidateId: string; percent: number }[];
    return new Map(rows.map((r) => [r.candidateId, r.percent]));
  }
}
