import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { JurisdictionProfileContent } from '#domain';

/**
 * What decisions were printed with before the jurisdiction profile existed: the header, place, legal bases and
 * distribution that were written in the code. Kept as version 1 only where such decisions exist, so that they
 * regenerate exactly as issued; a new installation starts with no profile and its administrator publishes one.
 */
export const PRINTED_BEFORE_PROFILES: JurisdictionProfileContent = {
  jurisdictionName: 'tỉnh Bắc Giang',
  place: 'Bắc Giang',
  authorities: ['UBND_TINH', 'HDTDKT_TINH'].map((code) => ({
    code: code as 'UBND_TINH' | 'HDTDKT_TINH',
    ...(code === 'HDTDKT_TINH' ? { parentName: 'UBND TỈNH BẮC GIANG' } : {}),
    header: code === 'UBND_TINH' ? 'ỦY BAN NHÂN DÂN TỈNH BẮC GIANG' : 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG',
    authority: code === 'UBND_TINH' ? 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG' : 'CHỦ TỊCH HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH BẮC GIANG',
    symbol: code === 'UBND_TINH' ? 'QĐ-UBND' : 'QĐ-HĐTĐKT',
    signatory: { title: 'CHỦ TỊCH' },
    legalBases: [
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;',
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
      'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
    ],
    proposal: 'Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh.',
    distribution: ['Như Điều 3;', 'Ban Thi đua - Khen thưởng tỉnh;', 'Lưu: VT.'],
  })),
  council: { parentName: 'UBND TỈNH BẮC GIANG', header: 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG', minutesSymbol: 'BB-HĐTĐKT', name: 'Hội đồng Thi đua - Khen thưởng tỉnh' },
  deadlines: {},
  holidays: [],
};

export const PRINTED_BEFORE_PROFILES_NOTE = 'Nội dung in trong mã nguồn trước khi có hồ sơ pháp lý, giữ để các quyết định đã ban hành in lại đúng như cũ.';

export class JurisdictionProfile1796567245918 implements MigrationInterface {
  name = 'JurisdictionProfile1796567245918';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"jurisdiction_profile\" (\"version\" integer NOT NULL, \"effective_from\" date NOT NULL, \"content\" jsonb NOT NULL, \"note\" text, \"published_by\" text NOT NULL, \"published_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_d7e09dee2026da15f6b2ff77fba\" PRIMARY KEY (\"version\"))");
    // Append-only, enforced by the database itself (append_only() comes from the Initial migration).
    await q.query(`CREATE TRIGGER jurisdiction_profile_no_update_delete BEFORE UPDATE OR DELETE ON "jurisdiction_profile" FOR EACH ROW EXECUTE FUNCTION append_only()`);
    await q.query(`CREATE TRIGGER jurisdiction_profile_no_truncate BEFORE TRUNCATE ON "jurisdiction_profile" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
          REVOKE UPDATE, DELETE, TRUNCATE ON "jurisdiction_profile" FROM dth_app;
        END IF;
      END $$`);

    // Every write is noted for the audit record of its transaction (audit_note_row_write, AuditCoverage migration).
    await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "jurisdiction_profile" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write('version')`);

    const [{ issued }] = (await q.query('SELECT count(*)::int AS issued FROM recognition_decision')) as { issued: number }[];
    if (issued > 0) {
      // Fixed content, dates and author: the row is vouched for by this code (audit/coverage.ts SEEDED_ROWS).
      await q.query(
        `INSERT INTO jurisdiction_profile (version, effective_from, content, note, published_by, published_at) VALUES (1, DATE '2014-01-01', $1::jsonb, $2, 'he-thong', TIMESTAMPTZ '2025-07-01T00:00:00Z')`,
        [JSON.stringify(PRINTED_BEFORE_PROFILES), PRINTED_BEFORE_PROFILES_NOTE],
      );
    }
    // Adding a column fires no row trigger: decisions issued so far were printed with version 1.
    await q.query('ALTER TABLE "recognition_decision" ADD "profile_version" integer NOT NULL DEFAULT 1');
    await q.query('ALTER TABLE "recognition_decision" ALTER COLUMN "profile_version" DROP DEFAULT');
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
