/**
 * A reviewer submits their checklist for a candidate assigned to them (nộp phiếu đánh giá): every criterion of the
 * pinned set marked met or not, each exactly once, with a comment and the candidate's evidence it points at.
 * Locked once submitted; a correction is a new checklist naming the one in force it replaces.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { ChecklistRepository } from '../checklist.repository.js';
import { conflictOfInterest, inConflict } from '../conflict-of-interest.js';
import type { CriterionMark } from '../review.entities.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges, requireItemStatus } from '../session-changes.js';

export interface SubmitChecklistCommand {
  marks: (Omit<CriterionMark, 'evidenceIds'> & { evidenceIds?: string[] })[];
  /** The reviewer's checklist in force that this one corrects. */
  correctsId?: string;
}

@Injectable()
export class SubmitChecklist {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly checklists: ChecklistRepository,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, itemId: string, command: SubmitChecklistCommand, actor: Actor): Promise<{ checklistId: string }> {
    return this.changes.run(sessionId, 'SUBMIT_CHECKLIST', actor, async (em) => {
      const item = await this.changes.item(em, sessionId, itemId, true);
      requireItemStatus(item, ['PENDING']);
      const facts = await this.sessions.itemFacts(em, item);
      const member = (await this.sessions.members(em, sessionId)).find((m) => m.accountId === actor.accountId);
      if (!member) throw new DomainError('NOT_A_SESSION_MEMBER', { accountId: actor.accountId });
      if (inConflict(member.unitPath, facts.candidate.unitPath)) throw conflictOfInterest(member, facts.candidate);
      if (!(await this.sessions.assignedReviewers(em, itemId)).includes(actor.accountId)) throw new DomainError('NOT_ASSIGNED_REVIEWER', { itemId });

      // Every criterion of the pinned set, each exactly once, and nothing else.
      const expected = facts.criteria.map((c) => c.code);
      const given = command.marks.map((m) => m.criterionCode);
      const unknown = given.filter((c) => !expected.includes(c));
      const repeated = given.filter((c, i) => given.indexOf(c) !== i);
      const missing = expected.filter((c) => !given.includes(c));
      if (unknown.length + repeated.length + missing.length > 0) {
        throw new DomainError('CHECKLIST_CRITERIA_MISMATCH', { field: 'marks', missing, unknown, repeated: [...new Set(repeated)], expected });
      }
      const evidenceIds = [...new Set(command.marks.flatMap((m) => m.evidenceIds ?? []))];
      if (evidenceIds.length > 0) {
        const found = await this.checklists.evidenceOf(em, item.candidateId, evidenceIds);
        const foreign = evidenceIds.filter((id) => !found.includes(id));
        if (foreign.length > 0) throw new DomainError('REFERENCED_EVIDENCE_NOT_FOUND', { field: 'marks.evidenceIds', evidenceIds: foreign });
      }

      const mine = (await this.checklists.inForce(em, itemId)).find((k) => k.reviewerId === actor.accountId);
      if (!command.correctsId && mine) throw new DomainError('CHECKLIST_ALREADY_SUBMITTED', { checklistId: mine.id });
      if (command.correctsId && command.correctsId !== mine?.id) {
        throw new DomainError('CHECKLIST_CORRECTION_STALE', { field: 'correctsId', correctsId: command.correctsId, currentId: mine?.id ?? null });
      }
      const now = this.clock.now();
      const checklist = {
        id: randomUUID(),
        itemId,
        reviewerId: actor.accountId,
        criteriaSetId: item.criteriaSetId,
        marks: command.marks.map((m) => ({ criterionCode: m.criterionCode, met: m.met, comment: m.comment, evidenceIds: m.evidenceIds ?? [] })),
        correctsId: command.correctsId ?? null,
        submittedAt: now,
      };
      await this.checklists.insert(em, checklist);
      await this.changes.record(em, sessionId, command.correctsId ? 'CHECKLIST_CORRECTED' : 'CHECKLIST_SUBMITTED', {
        itemId,
        checklistId: checklist.id,
        correctsId: checklist.correctsId,
        criteriaSetId: item.criteriaSetId,
        marks: checklist.marks,
      }, actor, now, item.candidateId);
      return { checklistId: checklist.id };
    });
  }
}
