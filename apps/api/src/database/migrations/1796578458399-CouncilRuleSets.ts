import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Council rule sets as data (council_rule_set, append-only, versioned), the rule set each session pins when it opens
 * (review_session_rule_set), absent members' written opinions with the signed form (written_opinion), the chair's
 * casting vote on a tie (casting_vote), and a candidate's share of women for the preference among equals
 * (candidate_women_share). New tables rather than new columns, so that rows written before keep their digests.
 *
 * Seeds the two presets of libs/workflow council-presets.ts as version 1 of their codes, copied here as they were
 * (a migration never changes): the historical practice first, then the regulation in force, published last and so
 * the rule set a session opening now pins. Fixed ids, content and instants: vouched for by this code
 * (audit/coverage.ts SEEDED_ROWS).
 */
export const SEEDED_RULE_SETS = [
  {
    id: '5f1d2c3b-7a4e-4b6f-9c1d-2e3f4a5b0001',
    code: 'THUC_TIEN_2014_2023',
    nameVi: 'Thực tiễn 2014–2023 (2/3 và 70%)',
    nameEn: 'Practice of 2014–2023 (2/3 and 70%)',
    sourceVi: 'Báo cáo tổng kết công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến 2014–2023: tham dự 2/3, tán thành 70% số thành viên được biểu quyết.',
    sourceEn: 'The 2014–2023 report on exemplars: 2/3 taking part, 70% in favour of the members entitled to vote.',
    rules: {
      code: 'THUC_TIEN_2014_2023',
      version: 1,
      quorum: { numerator: 2, denominator: 3 },
      awardSessionAttendance: null,
      writtenOpinionsCount: true,
      recognition: { fraction: { numerator: 7, denominator: 10 }, of: 'ALL_MEMBERS', strict: false },
      rejection: { fraction: { numerator: 1, denominator: 2 }, of: 'ALL_MEMBERS', strict: true },
      recusal: 'LEFT_OUT_OF_BASE',
      chairBreaksTies: false,
      quota: null,
      clearances: 'ADVISORY',
    },
    publishedAt: '2025-07-01T00:00:00Z',
  },
  {
    id: '5f1d2c3b-7a4e-4b6f-9c1d-2e3f4a5b0002',
    code: 'QUY_DINH_2025',
    nameVi: 'Theo quy định thi đua, khen thưởng của tỉnh (2025)',
    nameEn: "The province's emulation and commendation regulation (2025)",
    sourceVi:
      'Quy định kèm theo Quyết định 86/2025/QĐ-UBND, Điều 8 và 9: họp khi có ít nhất 2/3 tổng số Ủy viên; phiên xét khen thưởng cần ít nhất 80% tổng số Ủy viên (vắng mặt thì lấy ý kiến bằng văn bản); ngưỡng công nhận 70% tổng số thành viên theo thực tiễn.',
    sourceEn: 'Regulation of Decision 86/2025/QĐ-UBND, Articles 8 and 9: quorum 2/3 of all members; award sessions need 80% of all members (written opinions from the absent); 70% of all members to recognise, from practice.',
    rules: {
      code: 'QUY_DINH_2025',
      version: 1,
      quorum: { numerator: 2, denominator: 3 },
      awardSessionAttendance: { numerator: 4, denominator: 5 },
      writtenOpinionsCount: true,
      recognition: { fraction: { numerator: 7, denominator: 10 }, of: 'ALL_MEMBERS', strict: false },
      rejection: { fraction: { numerator: 1, denominator: 2 }, of: 'ALL_MEMBERS', strict: true },
      recusal: 'COUNTS_AS_NOT_IN_FAVOUR',
      chairBreaksTies: true,
      quota: null,
      clearances: 'MISSING_OR_NEGATIVE_BLOCKS',
    },
    publishedAt: '2025-07-01T00:00:01Z',
  },
] as const;

const APPEND_ONLY = ['council_rule_set', 'review_session_rule_set', 'written_opinion', 'casting_vote', 'candidate_women_share'];
const KEYS: Record<string, string[]> = {
  council_rule_set: ['id'],
  review_session_rule_set: ['session_id'],
  written_opinion: ['id'],
  casting_vote: ['item_id'],
  candidate_women_share: ['candidate_id'],
};

export class CouncilRuleSets1796578458399 implements MigrationInterface {
  name = 'CouncilRuleSets1796578458399';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"council_rule_set\" (\"id\" uuid NOT NULL, \"code\" text NOT NULL, \"version\" integer NOT NULL, \"name_vi\" text NOT NULL, \"name_en\" text NOT NULL, \"source_vi\" text NOT NULL, \"source_en\" text NOT NULL, \"rules\" jsonb NOT NULL, \"note\" text, \"published_by\" text NOT NULL, \"published_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_434814cdbc1c7e33963cc5d6533\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"UQ_council_rule_set_version\" ON \"council_rule_set\"  (\"code\", \"version\") ");
    await q.query("CREATE TABLE \"review_session_rule_set\" (\"session_id\" uuid NOT NULL, \"rule_set_id\" uuid NOT NULL, \"rules\" jsonb NOT NULL, \"considers_awards\" boolean NOT NULL, CONSTRAINT \"PK_8d5dd79f2c409f2d6d4f9a66e6c\" PRIMARY KEY (\"session_id\"))");
    await q.query("CREATE TABLE \"written_opinion\" (\"id\" uuid NOT NULL, \"session_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"file_name\" text NOT NULL, \"content_type\" text NOT NULL, \"size_bytes\" integer NOT NULL, \"sha256\" character(64) NOT NULL, \"content\" bytea NOT NULL, \"choices\" jsonb NOT NULL, \"recorded_by\" text NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_da24f43dec93abf8f1bf17b985b\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"UQ_written_opinion_member\" ON \"written_opinion\"  (\"session_id\", \"account_id\") ");
    await q.query("CREATE TABLE \"casting_vote\" (\"item_id\" uuid NOT NULL, \"choice\" text NOT NULL, \"recorded_by\" text NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_f2c1b948e220e162399b079aaea\" PRIMARY KEY (\"item_id\"))");
    await q.query("CREATE TABLE \"candidate_women_share\" (\"candidate_id\" uuid NOT NULL, \"percent\" integer NOT NULL, \"recorded_by\" text NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_7bbbac339ed44cf7b672f22d778\" PRIMARY KEY (\"candidate_id\"))");
    await q.query("ALTER TABLE \"review_session_rule_set\" ADD CONSTRAINT \"FK_8d5dd79f2c409f2d6d4f9a66e6c\" FOREIGN KEY (\"session_id\") REFERENCES \"review_session\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"review_session_rule_set\" ADD CONSTRAINT \"FK_862d6decf9fd0f24fa753161d38\" FOREIGN KEY (\"rule_set_id\") REFERENCES \"council_rule_set\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"written_opinion\" ADD CONSTRAINT \"FK_19f9cd3a3e45c0681777a2a87b9\" FOREIGN KEY (\"session_id\") REFERENCES \"review_session\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"written_opinion\" ADD CONSTRAINT \"FK_daa94369305405850c6f6769f45\" FOREIGN KEY (\"account_id\") REFERENCES \"account\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"casting_vote\" ADD CONSTRAINT \"FK_f2c1b948e220e162399b079aaea\" FOREIGN KEY (\"item_id\") REFERENCES \"review_item\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"candidate_women_share\" ADD CONSTRAINT \"FK_7bbbac339ed44cf7b672f22d778\" FOREIGN KEY (\"candidate_id\") REFERENCES \"candidate\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    for (const table of APPEND_ONLY) {
      // Append-only, enforced by the database itself (append_only() comes from the Initial migration).
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
      // Every write is noted for the audit record of its transaction (audit_note_row_write, AuditCoverage migration).
      await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write(${KEYS[table]!.map((c) => `'${c}'`).join(', ')})`);
    }
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
          REVOKE UPDATE, DELETE, TRUNCATE ON "council_rule_set", "review_session_rule_set", "written_opinion", "casting_vote", "candidate_women_share" FROM dth_app;
        END IF;
      END $$`);
    for (const r of SEEDED_RULE_SETS) {
      await q.query(
        `INSERT INTO council_rule_set (id, code, version, name_vi, name_en, source_vi, source_en, rules, note, published_by, published_at) VALUES ($1, $2, 1, $3, $4, $5, $6, $7::jsonb, NULL, 'he-thong', $8::timestamptz)`,
        [r.id, r.code, r.nameVi, r.nameEn, r.sourceVi, r.sourceEn, JSON.stringify(r.rules), r.publishedAt],
      );
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
