/**
 * The secretariat confirms a candidate's outcome (xác nhận kết luận) by sending the decision event to the
 * candidate's statechart, which recomputes the outcome from the verdict and refuses any other. A return carries the
 * shortcomings gathered from the checklists (and any the secretariat adds). A recognised candidate stays held by
 * the session until the public notice ends and recognition is final.
 */
import { Injectable } from '@nestjs/common';
import type { CandidateEvent } from '#workflow';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { CandidateTransitions, type TransitionResult } from '../../transitions/candidate-transitions.service.js';
import { CouncilVerdicts } from '../council-verdicts.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges, requireItemStatus } from '../session-changes.js';

export interface ConfirmDecisionCommand {
  outcome: 'RECOGNISE' | 'RETURN_TO_NURTURING' | 'REJECT';
  reasons?: string;
  shortcomings?: string[];
  note?: string;
}

@Injectable()
export class ConfirmDecision {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly verdicts: CouncilVerdicts,
    private readonly transitions: CandidateTransitions,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, itemId: string, command: ConfirmDecisionCommand, actor: Actor): Promise<TransitionResult> {
    return this.changes.run(sessionId, 'CONFIRM_DECISION', actor, async (em, session) => {
      const item = await this.changes.item(em, sessionId, itemId, true);
      requireItemStatus(item, ['DECIDABLE']);
      const facts = await this.sessions.itemFacts(em, item);
      const verdict = item.verdict!;
      let event: CandidateEvent;
      if (command.outcome === 'RECOGNISE') {
        event = { type: 'RECOGNISE', verdict, ...(command.note ? { note: command.note } : {}) };
      } else if (command.outcome === 'RETURN_TO_NURTURING') {
        const gathered = await this.verdicts.shortcomingsFrom(em, facts);
        const shortcomings = [...new Set([...gathered, ...(command.shortcomings ?? [])])];
        event = { type: 'RETURN_TO_NURTURING', verdict, shortcomings: shortcomings.length > 0 ? shortcomings : (item.findings ?? []).map((f) => f.vi) };
      } else {
        event = { type: 'REJECT', verdict, reasons: command.reasons ?? (item.findings ?? []).map((f) => f.vi).join(' ') };
      }
      const result = await this.transitions.sendWithin(em, { candidateId: item.candidateId, event, actor });
      const now = this.clock.now();
      await this.sessions.recordDecided(em, item.id, actor.username, now, command.outcome === 'RECOGNISE' ? null : now);
      await this.changes.moveOn(em, session, 'CONFIRM_DECISION', {}, now);
      await this.changes.record(em, sessionId, 'DECISION_CONFIRMED', { itemId, candidateId: item.candidateId, outcome: command.outcome, candidateVersion: result.version }, actor, now, item.candidateId);
      return result;
    });
  }
}
