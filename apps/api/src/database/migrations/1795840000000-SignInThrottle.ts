import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling per (account, address): an administrator can clear an account's throttle (audited). Cleared
 * attempts stay, marked with when they were cleared, and no longer count against the account.
 */
export class SignInThrottle1795840000000 implements MigrationInterface {
  name = 'SignInThrottle1795840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sign_in_attempt" ADD "cleared_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
