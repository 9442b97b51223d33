/**
 * Publishes the provisional recognition list for public comment (công khai lấy ý kiến), once every outcome is
 * confirmed and someone is proposed for recognition. The period is counted in working days, without weekends and
 * the public holidays (built in, configured, and announced in the jurisdiction profile), which are kept with the notice so that a later change of the list never moves it.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { addWorkingDays, holidaySet } from '#domain';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { JurisdictionProfiles } from '../../jurisdiction/jurisdiction-profiles.js';
import { ReviewSessionRepository, type ReviewItemRow } from '../review-session.repository.js';
import { ReviewNotifications } from '../review-notifications.js';
import { SessionChanges } from '../session-changes.js';

/** Recognised by the council, confirmed, and not yet final: the candidates a notice lists. */
export const isProvisional = (i: ReviewItemRow) => i.status === 'DECIDED' && i.outcome === 'RECOGNISE' && i.closedAt === null;

export interface NoticePublished {
  noticeId: string;
  publishedOn: string;
  endsOn: string;
  holidaysInPeriod: string[];
}

@Injectable()
export class PublishNotice {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly profiles: JurisdictionProfiles,
    private readonly notices: ReviewNotifications,
  ) {}

  execute(sessionId: string, command: { publishedOn?: string; channels: string }, actor: Actor): Promise<NoticePublished> {
    return this.changes.run(sessionId, 'PUBLISH_NOTICE', actor, async (em, session) => {
      const items = await this.sessions.items(em, sessionId);
      const undecided = items.filter((i) => i.status === 'DECIDABLE');
      if (undecided.length > 0) throw new DomainError('DECISIONS_NOT_CONFIRMED', { itemIds: undecided.map((i) => i.id) });
      const provisional = items.filter(isProvisional);
      if (provisional.length === 0) throw new DomainError('NOTHING_TO_PUBLISH', {});
      const today = this.clock.today();
      const publishedOn = command.publishedOn ?? today;
      const closedOn = this.clock.dateOf(new Date(session.votingClosedAt!));
      if (publishedOn > today || publishedOn < closedOn) {
        throw new DomainError('NOTICE_DATE_OUT_OF_RANGE', { field: 'publishedOn', publishedOn, earliest: closedOn, latest: today });
      }
      const year = Number(publishedOn.slice(0, 4));
      // Built-in holidays, the deployment's PUBLIC_HOLIDAYS, and the days off the jurisdiction profile announces.
      const holidays = holidaySet(year, year + 1, [...this.config.publicHolidays, ...(await this.profiles.extraHolidaysOn(publishedOn, em))]);
      const endsOn = addWorkingDays(publishedOn, session.noticeWorkingDays, holidays);
      const used = [...holidays].filter((d) => d > publishedOn && d <= endsOn).sort();
      const now = this.clock.now();
      const notice = {
        id: randomUUID(),
        sessionId,
        publishedOn,
        endsOn,
        workingDays: session.noticeWorkingDays,
        holidays: used,
        channels: command.channels,
        publishedBy: actor.username,
        publishedAt: now,
      };
      await this.sessions.insertNotice(em, notice);
      await this.changes.moveOn(em, session, 'PUBLISH_NOTICE', {}, now);
      await this.changes.record(em, sessionId, 'NOTICE_PUBLISHED', {
        noticeId: notice.id,
        publishedOn,
        endsOn,
        workingDays: session.noticeWorkingDays,
        holidaysInPeriod: used,
        channels: command.channels,
        candidateIds: provisional.map((i) => i.candidateId),
      }, actor, now);
      await this.notices.noticeStarted(em, sessionId, session.title, endsOn, provisional.map((i) => i.candidateId));
      return { noticeId: notice.id, publishedOn, endsOn, holidaysInPeriod: used };
    });
  }
}
