/**
 * The secretariat asks named agencies for their clearance (hiệp y) on a candidate of a session: the agencies are
 * those the jurisdiction profile in force lists, the deadline is the profile's (its yearly clearance deadline, or
 * its working days to answer), and each request keeps the profile version they came from. A change to the session
 * (SessionChanges: its lock, its council's secretariat, the lifecycle's REQUEST_CLEARANCES), with the audit record
 * on the session's stream naming the candidate.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { clearanceDueOn } from '#domain';
import { stagesAllowing } from '#workflow';
import type { ClearanceView } from '#contracts';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { JurisdictionProfiles } from '../../jurisdiction/jurisdiction-profiles.js';
import { SessionChanges } from '../../reviews/session-changes.js';
import type { ClearanceRequest } from '../clearance.entities.js';
import { ClearanceRepository, type ClearanceTarget } from '../clearance.repository.js';
import { peopleNamed } from '../../audit/audit-names.js';
import { clearanceLogins, clearanceView } from '../clearance.views.js';

/** Session stages in which clearances are asked for and answered (the lifecycle's): before the vote closes. */
export const CLEARANCE_SESSION_STAGES: readonly string[] = stagesAllowing('REQUEST_CLEARANCES');

/** Refuses a clearance change on a candidate the council no longer weighs (its outcome given, withdrawn, dropped). */
export function requireOpenForClearances(target: ClearanceTarget): void {
  if (target.itemStatus !== 'PENDING') {
    throw new DomainError('CLEARANCE_STAGE_FORBIDS', { sessionStatus: target.sessionStatus, itemStatus: target.itemStatus, allowedStages: CLEARANCE_SESSION_STAGES });
  }
}

@Injectable()
export class RequestClearances {
  constructor(
    private readonly sessions: SessionChanges,
    private readonly clearances: ClearanceRepository,
    private readonly profiles: JurisdictionProfiles,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, itemId: string, input: { agencyCodes: string[]; letterNumber?: string }, actor: Actor): Promise<ClearanceView[]> {
    return this.sessions.run(sessionId, 'REQUEST_CLEARANCES', actor, async (em) => {
      const target = await this.clearances.target(em, sessionId, itemId);
      if (!target) throw new DomainError('REVIEW_ITEM_NOT_FOUND', { sessionId, itemId });
      requireOpenForClearances(target);

      const today = this.clock.today();
      const profile = await this.profiles.inForceOn(today, em);
      const listed = profile.content.clearanceAgencies ?? [];
      const unknown = input.agencyCodes.filter((code) => !listed.some((a) => a.code === code));
      if (unknown.length > 0) throw new DomainError('CLEARANCE_AGENCY_UNKNOWN', { field: 'agencyCodes', codes: unknown, listed: listed.map((a) => a.code), profileVersion: profile.version });
      const existing = await this.clearances.ofSession(em, sessionId, itemId);
      const repeated = input.agencyCodes.filter((code) => existing.some((r) => r.agencyCode === code));
      if (repeated.length > 0) throw new DomainError('CLEARANCE_ALREADY_REQUESTED', { field: 'agencyCodes', codes: repeated });
      const dueOn = clearanceDueOn(profile.content, today, this.config.publicHolidays);
      if (!dueOn) throw new DomainError('CLEARANCE_DEADLINE_UNDEFINED', { field: 'deadlines.clearances', profileVersion: profile.version, requestedOn: today });

      const now = this.clock.now();
      const rows: ClearanceRequest[] = input.agencyCodes.map((code) => {
        const agency = listed.find((a) => a.code === code)!;
        return {
          id: randomUUID(),
          sessionId,
          itemId,
          candidateId: target.candidateId,
          agencyCode: agency.code,
          agencyName: agency.name,
          subject: agency.subject ?? null,
          profileVersion: profile.version,
          requestedOn: today,
          dueOn,
          letterNumber: input.letterNumber ?? null,
          requestedBy: actor.username,
          requestedAt: now,
        };
      });
      await this.clearances.insertRequests(em, rows);
      await this.sessions.record(
        em,
        sessionId,
        'CLEARANCES_REQUESTED',
        {
          itemId,
          profileVersion: profile.version,
          requestedOn: today,
          dueOn,
          letterNumber: input.letterNumber ?? null,
          requests: rows.map((r) => ({ requestId: r.id, agencyCode: r.agencyCode, agencyName: r.agencyName })),
        },
        actor,
        now,
        target.candidateId,
      );
      const stored = await this.clearances.ofSession(em, sessionId, itemId);
      // In the order asked.
      const people = await peopleNamed(em, clearanceLogins(stored));
      return rows.map((n) => clearanceView(stored.find((r) => r.id === n.id)!, target.candidateName, today, people));
    });
  }
}
