import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A council that continues under a merge's successor reads as the successor's council from the transfer's date:
 * `council_transfer.council_name` records, with the transfer, the name the council bears from then on (its old name
 * with the merged unit's name replaced by the successor's). The council's own row keeps the name it was set up with
 * and the transfers before keep theirs: the names it bore are read back in order, nothing is rewritten. NULL: the
 * transfer left the name as it was (every transfer recorded before this migration, and a name that did not name
 * the merged unit). The table stays append-only; the column is declared late in audit/coverage.ts.
 */
export class CouncilTransferName1796630000000 implements MigrationInterface {
  name = 'CouncilTransferName1796630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "council_transfer" ADD "council_name" text`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
