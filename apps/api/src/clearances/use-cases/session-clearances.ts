/** A session's clearances as the secretariat and the council read them: the rule, the agencies, every request. */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { clearanceDueOn } from '#domain';
import type { ClearanceView, SessionClearances as SessionClearancesView } from '#contracts';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { JurisdictionProfiles } from '../../jurisdiction/jurisdiction-profiles.js';
import { ClearanceRepository } from '../clearance.repository.js';
import { peopleNamed } from '../../audit/audit-names.js';
import { clearanceLogins, clearanceView, ruleLabel } from '../clearance.views.js';
import { CLEARANCE_SESSION_STAGES } from './request-clearances.js';

@Injectable()
export class SessionClearances {
  constructor(
    private readonly clearances: ClearanceRepository,
    private readonly profiles: JurisdictionProfiles,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async of(sessionId: string): Promise<SessionClearancesView> {
    const em = this.clearances.reader;
    const status = await this.clearances.sessionStatus(em, sessionId);
    if (!status) throw new DomainError('REVIEW_SESSION_NOT_FOUND', { sessionId });
    const today = this.clock.today();
    const rule = await this.clearances.ruleOf(em, sessionId);
    const profile = await this.profiles.inForceOn(today, em).catch(() => null);
    return {
      sessionId,
      rule,
      ruleLabel: ruleLabel(rule),
      agencies: (profile?.content.clearanceAgencies ?? []).map((a) => ({ code: a.code, name: a.name, subject: a.subject ?? null })),
      profileVersion: profile?.version ?? null,
      dueOnIfRequestedToday: profile ? clearanceDueOn(profile.content, today, this.config.publicHolidays) : null,
      open: CLEARANCE_SESSION_STAGES.includes(status),
      requests: await this.views(em, sessionId),
    };
  }

  /** Every request of a session (or one item), with where each stands today. */
  async views(em: EntityManager, sessionId: string, itemId?: string): Promise<ClearanceView[]> {
    const rows = await this.clearances.ofSession(em, sessionId, itemId);
    const names = await this.clearances.candidateNames(em, [...new Set(rows.map((r) => r.candidateId))]);
    const today = this.clock.today();
    const people = await peopleNamed(em, clearanceLogins(rows));
    return rows.map((r) => clearanceView(r, names.get(r.candidateId) ?? '', today, people));
  }
}
