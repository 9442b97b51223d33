import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A review session's own deadlines, set when it opens (both optional): the date by which reviewers submit their
 * checklists and the date by which members vote. The reminders (notifications/reminders.ts) go out
 * SESSION_REMINDER_DAYS before them to those who have not done the work yet. Opening a session refuses a voting
 * deadline before the checklist deadline (OpenSession).
 */
export class SessionDeadlines1796578800000 implements MigrationInterface {
  name = 'SessionDeadlines1796578800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "review_session" ADD "checklists_due_on" date`);
    await q.query(`ALTER TABLE "review_session" ADD "voting_closes_on" date`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
