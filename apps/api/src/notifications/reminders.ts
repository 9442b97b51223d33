/**
 * Reminders (nhắc việc), run by the queue's schedule (NOTIFICATION_REMINDER_CRON) on one instance at a time: an
 * advisory lock held for the run's transaction excludes a second run, and each reminder carries a dedupeKey, so a
 * person is reminded of one thing once however often the job runs.
 *
 * - CHECKLIST_DUE: a reviewer assigned to a candidate still under review has not submitted its checklist; when the
 *   session has a checklist deadline, from SESSION_REMINDER_DAYS before it (else at the first run after assignment).
 * - VOTING_CLOSING: voting is open and a member has not voted on every candidate yet; when the session has a voting
 *   deadline, from SESSION_REMINDER_DAYS before it (else at the first run after voting opened).
 * - CHECK_IN_OVERDUE: a candidate in nurturing has had no check-in for NURTURING_CHECK_IN_INTERVAL_DAYS.
 * - NOTICE_ENDED: a public notice's period has ended and the session waits for its final decision.
 * - DEADLINE_APPROACHING: a yearly deadline of the jurisdiction profile in force is DEADLINE_REMINDER_DAYS away or less.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { JurisdictionProfileRepository } from '../jurisdiction/jurisdiction-profile.repository.js';
import { Notifications } from './notifications.js';
import { formatDateVi } from '../documents/vietnamese-format.js';

/** pg_try_advisory_xact_lock key of the reminder run ("dhtt-rem"). */
export const REMINDER_LOCK = 0x6468_7474_2d72_656dn;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The next date (on or after today) of a yearly "MM-DD". */
export function nextYearly(monthDay: string, today: string): string {
  const thisYear = `${today.slice(0, 4)}-${monthDay}`;
  return thisYear >= today ? thisYear : `${Number(today.slice(0, 4)) + 1}-${monthDay}`;
}

export interface ReminderRun {
  /** False when another instance held the lock. */
  ran: boolean;
  written: number;
}

@Injectable()
export class Reminders {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: Notifications,
    private readonly profiles: JurisdictionProfileRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  run(): Promise<ReminderRun> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked }] = (await em.query(`SELECT pg_try_advisory_xact_lock($1::bigint) AS locked`, [REMINDER_LOCK.toString()])) as { locked: boolean }[];
      if (!locked) return { ran: false, written: 0 };
      const today = this.clock.today();
      let written = 0;
      const soon = addDays(today, this.config.SESSION_REMINDER_DAYS);
      written += await this.checklists(em, soon);
      written += await this.votes(em, soon);
      written += await this.checkIns(em, today);
      written += await this.noticesEnded(em, today);
      written += await this.yearlyDeadlines(em, today);
      return { ran: true, written };
    });
  }

  /** `soon`: today + SESSION_REMINDER_DAYS; a session whose deadline is later is not reminded yet. */
  private async checklists(em: EntityManager, soon: string): Promise<number> {
    const rows = (await em.query(
      `SELECT a.reviewer_id, i.id AS item_id, i.session_id, c.name AS candidate, s.title, to_char(s.checklists_due_on, 'YYYY-MM-DD') AS due_on
         FROM review_assignment a
         JOIN review_item i ON i.id = a.item_id AND i.status = 'PENDING'
         JOIN review_session s ON s.id = i.session_id AND s.status IN ('PREPARING', 'VOTING')
         JOIN candidate c ON c.id = i.candidate_id
        WHERE NOT EXISTS (SELECT 1 FROM review_checklist k WHERE k.item_id = a.item_id AND k.reviewer_id = a.reviewer_id)
          AND (s.checklists_due_on IS NULL OR s.checklists_due_on <= $1::date)`,
      [soon],
    )) as { reviewer_id: string; item_id: string; session_id: string; candidate: string; title: string; due_on: string | null }[];
    let n = 0;
    for (const r of rows) {
      const due = r.due_on ? { vi: ` Hạn nộp: ngày ${formatDateVi(r.due_on)}.`, en: ` Due by ${r.due_on}.` } : { vi: '', en: '' };
      n += (
        await this.notifications.notify(em, {
          kind: 'CHECKLIST_DUE',
          to: [r.reviewer_id],
          title: { vi: `Chưa nộp phiếu đánh giá: ${r.candidate}`, en: `Checklist due: ${r.candidate}` },
          body: {
            vi: `Phiên "${r.title}": bạn được phân công đánh giá hồ sơ "${r.candidate}" và chưa nộp phiếu.${due.vi}`,
            en: `Session "${r.title}": you are assigned to review "${r.candidate}" and have not submitted the checklist.${due.en}`,
          },
          link: `/hoi-dong/${r.session_id}/phieu-danh-gia/${r.item_id}`,
          dedupeKey: `checklist:${r.item_id}:${r.reviewer_id}`,
        })
      ).length;
    }
    return n;
  }

  private async votes(em: EntityManager, soon: string): Promise<number> {
    const rows = (await em.query(
      `SELECT s.id AS session_id, s.title, to_char(s.voting_closes_on, 'YYYY-MM-DD') AS closes_on, m.account_id, count(*)::int AS missing
         FROM review_session s
         JOIN review_session_member m ON m.session_id = s.id
         JOIN review_item i ON i.session_id = s.id AND i.status = 'PENDING'
        WHERE s.status = 'VOTING' AND (s.voting_closes_on IS NULL OR s.voting_closes_on <= $1::date)
          AND NOT EXISTS (SELECT 1 FROM council_vote v WHERE v.item_id = i.id AND v.member_id = m.account_id)
        GROUP BY s.id, s.title, s.voting_closes_on, m.account_id`,
      [soon],
    )) as { session_id: string; title: string; closes_on: string | null; account_id: string; missing: number }[];
    let n = 0;
    for (const r of rows) {
      const closes = r.closes_on
        ? { vi: `biểu quyết đóng ngày ${formatDateVi(r.closes_on)}`, en: `voting closes on ${r.closes_on}` }
        : { vi: 'biểu quyết sẽ đóng khi thường trực kết thúc phiên biểu quyết', en: 'voting closes when the secretariat ends it' };
      n += (
        await this.notifications.notify(em, {
          kind: 'VOTING_CLOSING',
          to: [r.account_id],
          title: { vi: `Chưa biểu quyết: phiên "${r.title}"`, en: `Not yet voted: session "${r.title}"` },
          body: { vi: `Bạn chưa biểu quyết ${r.missing} hồ sơ; ${closes.vi}.`, en: `You have not voted on ${r.missing} candidate(s); ${closes.en}.` },
          link: `/hoi-dong/${r.session_id}`,
          dedupeKey: `vote:${r.session_id}:${r.account_id}`,
        })
      ).length;
    }
    return n;
  }

  private async checkIns(em: EntityManager, today: string): Promise<number> {
    const due = addDays(today, -this.config.NURTURING_CHECK_IN_INTERVAL_DAYS);
    const rows = (await em.query(
      `SELECT c.id, c.name, c.unit_id, coalesce(max(k.checked_on)::text, to_char(c.updated_at AT TIME ZONE $2, 'YYYY-MM-DD')) AS last
         FROM candidate c LEFT JOIN nurturing_check_in k ON k.candidate_id = c.id
        WHERE c.state = 'nurturing'
        GROUP BY c.id
       HAVING coalesce(max(k.checked_on)::text, to_char(c.updated_at AT TIME ZONE $2, 'YYYY-MM-DD')) < $1`,
      [due, this.config.TIME_ZONE],
    )) as { id: string; name: string; unit_id: string; last: string }[];
    let n = 0;
    for (const r of rows) {
      n += (
        await this.notifications.notify(em, {
          kind: 'CHECK_IN_OVERDUE',
          to: await this.notifications.unitHeadsOf(em, r.unit_id),
          title: { vi: `Quá hạn ghi nhận bồi dưỡng: ${r.name}`, en: `Check-in overdue: ${r.name}` },
          body: {
            vi: `Lần ghi nhận gần nhất ngày ${formatDateVi(r.last)}, quá ${this.config.NURTURING_CHECK_IN_INTERVAL_DAYS} ngày.`,
            en: `Last check-in on ${r.last}, more than ${this.config.NURTURING_CHECK_IN_INTERVAL_DAYS} days ago.`,
          },
          link: `/ho-so/${r.id}`,
          dedupeKey: `check-in:${r.id}:${r.last}`,
        })
      ).length;
    }
    return n;
  }

  private async noticesEnded(em: EntityManager, today: string): Promise<number> {
    const rows = (await em.query(
      `SELECT n.id, n.session_id, n.ends_on::text AS ends_on, s.title
         FROM public_notice n JOIN review_session s ON s.id = n.session_id AND s.status = 'NOTICE'
        WHERE n.ends_on < $1`,
      [today],
    )) as { id: string; session_id: string; ends_on: string; title: string }[];
    let n = 0;
    for (const r of rows) {
      n += (
        await this.notifications.notify(em, {
          kind: 'NOTICE_ENDED',
          to: await this.notifications.withRoles(em, ['COUNCIL_SECRETARY']),
          title: { vi: `Hết thời hạn công khai: phiên "${r.title}"`, en: `Public notice ended: session "${r.title}"` },
          body: { vi: `Thời hạn công khai kết thúc ngày ${formatDateVi(r.ends_on)}: xem xét ý kiến và ban hành quyết định chính thức.`, en: `The notice period ended on ${r.ends_on}: consider the comments and issue the final decision.` },
          link: `/hoi-dong/${r.session_id}`,
          dedupeKey: `notice-ended:${r.id}`,
        })
      ).length;
    }
    return n;
  }

  private async yearlyDeadlines(em: EntityManager, today: string): Promise<number> {
    const profile = await this.profiles.inForceOn(em, today);
    const monthDay = profile?.content.deadlines.dossiers;
    if (!monthDay) return 0;
    const date = nextYearly(monthDay, today);
    if (date > addDays(today, this.config.DEADLINE_REMINDER_DAYS)) return 0;
    return (
      await this.notifications.notify(em, {
        kind: 'DEADLINE_APPROACHING',
        to: await this.notifications.withRoles(em, ['UNIT_HEAD', 'COUNCIL_SECRETARY']),
        title: { vi: `Sắp đến hạn gửi hồ sơ: ${formatDateVi(date)}`, en: `Dossier deadline approaching: ${date}` },
        body: {
          vi: `Theo hồ sơ pháp lý đang có hiệu lực, hồ sơ đề nghị gửi Hội đồng trước ngày ${formatDateVi(date)}.`,
          en: `Under the jurisdiction profile in force, proposals are due to the council by ${date}.`,
        },
        link: '/viec-can-lam',
        dedupeKey: `deadline:dossiers:${date}`,
      })
    ).length;
  }
}
