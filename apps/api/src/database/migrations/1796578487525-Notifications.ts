import type { MigrationInterface, QueryRunner } from 'typeorm';
import PgBoss from 'pg-boss';

/** The queue's schema (pg-boss 10.4, pinned): its tables are the queue's, not facts of the programme. */
const QUEUE_SCHEMA = 'pgboss';
/** The queues the application uses; created here, by the schema's owner, since creating one creates a partition. */
const QUEUES = { mail: 'notification-mail', reminders: 'notification-reminders', digest: 'notification-digest' } as const;
/** pg-boss' own queue for scheduled (cron) jobs. */
const SCHEDULE_QUEUE = '__pgboss__send-it';

/**
 * Notifications and the mail outbox (docs/notifications.md):
 * - `account_contact`: a person's e-mail address (attested, key account_id);
 * - `notification`, `mail_message`, `notification_preference`: operational (audit/coverage.ts says why);
 * - the job queue's schema `pgboss`, as pg-boss 10.4 builds it, and the application's queues. The application
 *   starts pg-boss with `migrate: false`: the schema comes from migrations only, like everything else. A later
 *   pg-boss version comes with a migration of its own (PgBoss.getMigrationPlans).
 */

export class Notifications1796578487525 implements MigrationInterface {
  name = 'Notifications1796578487525';

  async up(q: QueryRunner): Promise<void> {
    // pg-boss' construction plan wraps itself in BEGIN … COMMIT; here it runs inside the migration's transaction.
    const plan = PgBoss.getConstructionPlans(QUEUE_SCHEMA).replace(/^\s*BEGIN;\s*$/m, '').replace(/^\s*COMMIT;\s*$/m, '');
    await q.query(plan);
    for (const name of [SCHEDULE_QUEUE, QUEUES.mail, QUEUES.reminders, QUEUES.digest]) {
      await q.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2::json)`, [name, JSON.stringify({ policy: 'standard' })]);
    }

    await q.query("CREATE TABLE \"account_contact\" (\"account_id\" uuid NOT NULL, \"email\" text NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_c1a2704b3d8bd6eb9683a6c1af1\" PRIMARY KEY (\"account_id\"))");
    await q.query("CREATE TABLE \"notification\" (\"id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"title\" text NOT NULL, \"title_en\" text NOT NULL, \"body\" text NOT NULL, \"body_en\" text NOT NULL, \"link\" text NOT NULL, \"dedupe_key\" text, \"mail_mode\" text NOT NULL, \"digested_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"read_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_705b6c7cdf9b2c2ff7ac7872cb7\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"UQ_notification_account_dedupe\" ON \"notification\"  (\"account_id\", \"dedupe_key\") WHERE \"dedupe_key\" IS NOT NULL");
    await q.query("CREATE INDEX \"IDX_notification_account_created\" ON \"notification\"  (\"account_id\", \"created_at\") ");
    await q.query("CREATE TABLE \"mail_message\" (\"id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"to_address\" text NOT NULL, \"subject\" text NOT NULL, \"text_body\" text NOT NULL, \"html_body\" text NOT NULL, \"notification_ids\" jsonb NOT NULL, \"status\" text NOT NULL, \"attempts\" integer NOT NULL, \"last_error\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"sent_at\" TIMESTAMP WITH TIME ZONE, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_d23285093ea237bc7632d4fcce9\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"IDX_mail_message_status_created\" ON \"mail_message\"  (\"status\", \"created_at\") ");
    await q.query("CREATE TABLE \"notification_preference\" (\"account_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"mail\" text NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_f9793aa7953fa63e9a2747a0274\" PRIMARY KEY (\"account_id\", \"kind\"))");
    await q.query("ALTER TABLE \"account_contact\" ADD CONSTRAINT \"FK_c1a2704b3d8bd6eb9683a6c1af1\" FOREIGN KEY (\"account_id\") REFERENCES \"account\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"notification\" ADD CONSTRAINT \"FK_6bfa96ab97f1a09d73091294efc\" FOREIGN KEY (\"account_id\") REFERENCES \"account\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"mail_message\" ADD CONSTRAINT \"FK_4bfb58ae5642ed022b4ae265c4b\" FOREIGN KEY (\"account_id\") REFERENCES \"account\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    // Every write of an address is noted for the audit record of its transaction (AuditCoverage migration).
    await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "account_contact" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write('account_id')`);
    await q.query("ALTER TABLE \"notification_preference\" ADD CONSTRAINT \"FK_0de9a88591fd099ec107a3fb9a6\" FOREIGN KEY (\"account_id\") REFERENCES \"account\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
