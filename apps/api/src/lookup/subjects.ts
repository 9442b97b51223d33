/**
 * Subjects: the person, collective or household that a candidacy is about. One subject can be a candidate
 * many times (in different years, units, movements); `candidate.subject_id` names the subject's first
 * candidacy (null on that first one), so a subject's history is `coalesce(subject_id, id) = :subject`.
 *
 * How a nomination finds its subject, as an office does it: the person nominating names an earlier candidacy
 * of the same subject when they know it (`sameSubjectAs`, chosen from the lookup: also across units, for a
 * person who moved); otherwise an earlier candidacy with the same kind, the same name (folded: case, tones and
 * spacing aside) and the same unit is taken as the same subject, which is right for collectives and households
 * and almost always for people; where two people of one unit share a name, `newSubject: true` says so. The
 * response says which rule matched. Names alone across units are never matched: too many Vietnamese share one.
 *
 * "One achievement, one recognition": a nomination of a subject that was already recognised is flagged, never
 * refused (the earlier recognition may be for another achievement): the warnings name the earlier candidacy.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SubjectKind } from '#domain';
import { CANDIDATE_STATES, type CandidateState } from '#workflow';
import { reaches } from '../access/unit-reach.js';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { RECOGNISED_STATES } from '../replication/replication.service.js';
import { SubjectRepository } from './subject.repository.js';

export type SubjectMatch = 'NAMED' | 'SAME_NAME_KIND_UNIT' | 'NEW';

export interface ResolvedSubject {
  /** The value for `candidate.subject_id`: the subject's first candidacy, or null when this one begins it. */
  subjectId: string | null;
  matchedBy: SubjectMatch;
  /** The earlier candidacy the match was made with. */
  matchedCandidateId: string | null;
}

export interface NominationWarning {
  code: 'REPEATS_RECOGNISED_ACHIEVEMENT' | 'SUBJECT_RECOGNISED_BEFORE' | 'SUBJECT_ALREADY_NOMINATED';
  message: string;
  messageEn: string;
  candidateId: string;
  year: number;
  state: CandidateState;
}

const OPEN_STATES = CANDIDATE_STATES.filter((s) => !s.final && !(RECOGNISED_STATES as readonly string[]).includes(s.code)).map((s) => s.code);

@Injectable()
export class SubjectRegistry {
  constructor(private readonly subjects: SubjectRepository) {}

  /** Inside the nomination's transaction, before the candidate row is written. */
  async resolve(
    em: EntityManager,
    actor: Actor,
    n: { kind: SubjectKind; name: string; unitId: string; sameSubjectAs?: string; newSubject?: boolean },
  ): Promise<ResolvedSubject> {
    if (n.sameSubjectAs && n.newSubject) throw new DomainError('SAME_SUBJECT_INVALID', { field: 'newSubject' });
    if (n.sameSubjectAs) {
      const earlier = await this.subjects.named(em, n.sameSubjectAs);
      // One the actor cannot read is as good as none (its existence does not leak).
      if (!earlier || !reaches(actor, earlier.path)) throw new DomainError('REFERENCED_CANDIDATE_NOT_FOUND', { field: 'sameSubjectAs', candidateId: n.sameSubjectAs });
      if (earlier.kind !== n.kind) throw new DomainError('SAME_SUBJECT_INVALID', { field: 'sameSubjectAs', kind: n.kind, earlierKind: earlier.kind });
      return { subjectId: earlier.subjectId ?? earlier.id, matchedBy: 'NAMED', matchedCandidateId: earlier.id };
    }
    if (n.newSubject) return { subjectId: null, matchedBy: 'NEW', matchedCandidateId: null };
    // Two nominations of one new subject at once must not start two subjects: serialise on the key.
    await this.subjects.lockNameKey(em, n.kind, n.unitId, n.name);
    const earlier = await this.subjects.latestOfNameKey(em, n.kind, n.unitId, n.name);
    if (!earlier) return { subjectId: null, matchedBy: 'NEW', matchedCandidateId: null };
    return { subjectId: earlier.subjectId ?? earlier.id, matchedBy: 'SAME_NAME_KIND_UNIT', matchedCandidateId: earlier.id };
  }

  /**
   * Flags (never refuses) a nomination of a subject already recognised or already nominated:
   * - REPEATS_RECOGNISED_ACHIEVEMENT: recognised for the same year, or for the same achievement (same words);
   * - SUBJECT_RECOGNISED_BEFORE: recognised in another year: check that this achievement is a new one;
   * - SUBJECT_ALREADY_NOMINATED: another candidacy of the same year is still open.
   */
  async warnings(em: EntityManager, subjectId: string | null, candidate: { id: string; year: number; achievement: string }): Promise<NominationWarning[]> {
    if (!subjectId) return [];
    const earlier = await this.subjects.others(em, subjectId, candidate.id, candidate.achievement);
    const out: NominationWarning[] = [];
    for (const e of earlier) {
      const who = `"${e.name}" (${e.unitName}, hồ sơ ${e.id})`;
      const whoEn = `"${e.name}" (${e.unitName}, candidate ${e.id})`;
      if ((RECOGNISED_STATES as readonly string[]).includes(e.state)) {
        if (e.year === candidate.year || e.sameAchievement) {
          out.push({
            code: 'REPEATS_RECOGNISED_ACHIEVEMENT',
            message: `Đối tượng này đã được công nhận điển hình tiên tiến năm ${e.year}${e.sameAchievement ? ' với cùng thành tích' : ''}: ${who}. Theo nguyên tắc "một thành tích chỉ khen thưởng một lần", đề nghị kiểm tra trước khi đưa vào xét.`,
            messageEn: `This subject was already recognised as an advanced exemplar for ${e.year}${e.sameAchievement ? ' with the same achievement' : ''}: ${whoEn}. One achievement, one recognition: check before it goes to review.`,
            candidateId: e.id,
            year: e.year,
            state: e.state,
          });
        } else {
          out.push({
            code: 'SUBJECT_RECOGNISED_BEFORE',
            message: `Đối tượng này đã được công nhận điển hình tiên tiến năm ${e.year}: ${who}. Đề nghị xác định thành tích lần này là thành tích mới, chưa được công nhận.`,
            messageEn: `This subject was recognised as an advanced exemplar for ${e.year}: ${whoEn}. Make sure this achievement is a new one, not yet recognised.`,
            candidateId: e.id,
            year: e.year,
            state: e.state,
          });
        }
      } else if (e.year === candidate.year && (OPEN_STATES as string[]).includes(e.state)) {
        out.push({
          code: 'SUBJECT_ALREADY_NOMINATED',
          message: `Đối tượng này đang có hồ sơ khác năm ${e.year} chưa kết thúc: ${who}.`,
          messageEn: `This subject already has another open candidacy for ${e.year}: ${whoEn}.`,
          candidateId: e.id,
          year: e.year,
          state: e.state,
        });
      }
    }
    return out;
  }
}
