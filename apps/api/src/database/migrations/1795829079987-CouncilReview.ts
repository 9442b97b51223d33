import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1 of the two criteria sets, as criteria.json gives them (section III.2.2 of the provincial report).
 * Frozen here: a later change of wording is a new version published by an administrator, never an edit of this.
 */
const CRITERIA_V1 = [
  {
    "id": "6b0c9a0e-4d1f-4c3e-9a51-0c1e7a9d0001",
    "code": "COLLECTIVE",
    "version": 1,
    "appliesTo": [
      "COLLECTIVE"
    ],
    "criteria": [
      {
        "code": "C1_COMPLIANCE",
        "vi": "Gương mẫu, chấp hành tốt đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước",
        "en": "Exemplary compliance with the Party's guidelines and the State's policies and laws"
      },
      {
        "code": "C2_UNITY_INTEGRITY",
        "vi": "Nội bộ đoàn kết; tích cực thực hành tiết kiệm, chống lãng phí, phòng, chống tham nhũng, tiêu cực và các tệ nạn xã hội",
        "en": "Internal unity; active thrift, fighting waste, corruption, negative practices and social evils"
      },
      {
        "code": "C3_INNOVATIVE_LEADERSHIP",
        "vi": "Có nhiều đổi mới, sáng tạo trong lãnh đạo, chỉ đạo triển khai thực hiện có hiệu quả công tác, hoàn thành xuất sắc các nhiệm vụ được giao",
        "en": "Much innovation and creativity in leading and directing the work effectively; excellent completion of assigned tasks"
      },
      {
        "code": "C4_LEADING_MODEL",
        "vi": "Có mô hình mới, cách làm hay, nhiều sáng kiến, giải pháp sáng tạo, mang lại hiệu quả thiết thực và là nhân tố nổi trội, tiêu biểu, dẫn đầu trong các phong trào thi đua, cuộc vận động do Trung ương, tỉnh, ngành, cơ quan, đơn vị, địa phương tổ chức, phát động",
        "en": "New models, good practices, many initiatives and creative solutions with practical effect; an outstanding, leading factor in emulation movements and campaigns launched by the centre, province, sector, agency, unit or locality"
      },
      {
        "code": "C5_SOCIAL_CONTRIBUTION",
        "vi": "Tích cực tham gia các hoạt động nhân đạo, từ thiện, các hoạt động xã hội khác nhằm thực hiện tốt công tác an sinh xã hội, góp phần tích cực vào sự nghiệp xây dựng Chủ nghĩa xã hội và bảo vệ Tổ quốc",
        "en": "Active in humanitarian, charitable and other social activities for social welfare; contributes to building socialism and defending the Fatherland"
      }
    ]
  },
  {
    "id": "6b0c9a0e-4d1f-4c3e-9a51-0c1e7a9d0002",
    "code": "INDIVIDUAL_HOUSEHOLD",
    "version": 1,
    "appliesTo": [
      "INDIVIDUAL",
      "HOUSEHOLD"
    ],
    "criteria": [
      {
        "code": "I1_COMPLIANCE",
        "vi": "Gương mẫu, chấp hành tốt đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước",
        "en": "Exemplary compliance with the Party's guidelines and the State's policies and laws"
      },
      {
        "code": "I2_EXEMPLARY_CREATIVE",
        "vi": "Gương mẫu, sáng tạo trong công tác, cuộc sống; trong chiến đấu, phục vụ chiến đấu, giúp đỡ nhân dân. Có phẩm chất đạo đức trong sáng, dám nghĩ, dám làm, dám chịu trách nhiệm; có cách làm hay, sáng kiến, giải pháp sáng tạo, mang lại hiệu quả thiết thực và là nhân tố nổi trội, tiêu biểu, dẫn đầu trong các phong trào thi đua, cuộc vận động do Trung ương, tỉnh, ngành, cơ quan, đơn vị, địa phương tổ chức, phát động",
        "en": "Exemplary and creative in work and life, in combat and its support, in helping the people; pure moral character, dares to think, act and take responsibility; good practices, initiatives and creative solutions with practical effect; an outstanding, leading factor in emulation movements and campaigns"
      },
      {
        "code": "I3_SOLIDARITY_SOCIAL",
        "vi": "Có tinh thần tương thân tương ái, giúp đỡ mọi người cùng tiến bộ; tích cực tham gia các hoạt động nhân đạo, từ thiện, các hoạt động xã hội khác nhằm thực hiện tốt công tác an sinh xã hội, góp phần tích cực vào sự nghiệp xây dựng Chủ nghĩa xã hội và bảo vệ Tổ quốc",
        "en": "Mutual affection, helping others progress; active in humanitarian, charitable and social activities for social welfare; contributes to building socialism and defending the Fatherland"
      }
    ]
  }
];

/**
 * The summarise stage: criteria sets (version 1 seeded), review sessions and their members, candidates under
 * review, assignments, checklists, votes and secret-ballot urns, the public notice with its comments and answers.
 * Records of what people did only grow (the database refuses UPDATE and DELETE on them); the session, its members'
 * attendance, each item's outcome and the urn change as the session moves on, each change audited.
 */
export class CouncilReview1795829079987 implements MigrationInterface {
  name = 'CouncilReview1795829079987';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"criteria_set\" (\"id\" uuid NOT NULL, \"code\" text NOT NULL, \"version\" integer NOT NULL, \"applies_to\" text array NOT NULL, \"criteria\" jsonb NOT NULL, \"note\" text, \"published_by\" text NOT NULL, \"published_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_6717d6b7309a910d3f19f558c04\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"UQ_criteria_set_version\" ON \"criteria_set\"  (\"code\", \"version\") ");
    await q.query("CREATE TABLE \"review_session\" (\"id\" uuid NOT NULL, \"title\" text NOT NULL, \"year\" integer NOT NULL, \"status\" text NOT NULL, \"quorum_numerator\" integer NOT NULL, \"quorum_denominator\" integer NOT NULL, \"recognition_percent\" integer NOT NULL, \"rejection_percent\" integer NOT NULL, \"ballot\" text NOT NULL, \"notice_working_days\" integer NOT NULL, \"criteria_set_ids\" jsonb NOT NULL, \"chair_name\" text NOT NULL, \"venue\" text, \"opened_by\" text NOT NULL, \"opened_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"voting_opened_at\" TIMESTAMP WITH TIME ZONE, \"voting_closed_at\" TIMESTAMP WITH TIME ZONE, \"closed_at\" TIMESTAMP WITH TIME ZONE, \"version\" integer NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_c17d686209aa925f7abb6748c22\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE TABLE \"review_session_member\" (\"session_id\" uuid NOT NULL, \"account_id\" uuid NOT NULL, \"display_name\" text NOT NULL, \"unit_id\" uuid, \"attendance\" text, CONSTRAINT \"PK_2c6d291287ef364a5d7b94ec403\" PRIMARY KEY (\"session_id\", \"account_id\"))");
    await q.query("CREATE TABLE \"review_item\" (\"id\" uuid NOT NULL, \"session_id\" uuid NOT NULL, \"candidate_id\" uuid NOT NULL, \"criteria_set_id\" uuid NOT NULL, \"status\" text NOT NULL, \"verdict\" jsonb, \"outcome\" text, \"findings\" jsonb, \"added_by\" text NOT NULL, \"added_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"decided_by\" text, \"decided_at\" TIMESTAMP WITH TIME ZONE, \"closed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_91cdf1e8bef5fd3c1c8352e1873\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"UQ_review_item_candidate\" ON \"review_item\"  (\"session_id\", \"candidate_id\") ");
    await q.query("CREATE TABLE \"review_assignment\" (\"id\" uuid NOT NULL, \"item_id\" uuid NOT NULL, \"reviewer_id\" uuid NOT NULL, \"mode\" text NOT NULL, \"assigned_by\" text NOT NULL, \"assigned_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_86c7b2c46cd7a61d3fd26e3ef80\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"UQ_review_assignment\" ON \"review_assignment\"  (\"item_id\", \"reviewer_id\") ");
    await q.query("CREATE TABLE \"review_checklist\" (\"id\" uuid NOT NULL, \"item_id\" uuid NOT NULL, \"reviewer_id\" uuid NOT NULL, \"criteria_set_id\" uuid NOT NULL, \"marks\" jsonb NOT NULL, \"corrects_id\" uuid, \"submitted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_c3609bcd4827b03ffd6fbade763\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"IDX_review_checklist_item\" ON \"review_checklist\"  (\"item_id\", \"reviewer_id\") ");
    await q.query("CREATE UNIQUE INDEX \"UQ_review_checklist_corrects\" ON \"review_checklist\"  (\"corrects_id\") WHERE corrects_id IS NOT NULL");
    await q.query("CREATE TABLE \"council_vote\" (\"id\" uuid NOT NULL, \"item_id\" uuid NOT NULL, \"member_id\" uuid NOT NULL, \"mode\" text NOT NULL, \"choice\" text, \"opinion\" text, \"cast_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_cef82f9bb25d5a405413571e860\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"UQ_council_vote_member\" ON \"council_vote\"  (\"item_id\", \"member_id\") ");
    await q.query("CREATE TABLE \"ballot_box\" (\"item_id\" uuid NOT NULL, \"ballots\" jsonb NOT NULL, \"sealed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_38ba9a3d3df993ee044be6ac72e\" PRIMARY KEY (\"item_id\"))");
    await q.query("CREATE TABLE \"public_notice\" (\"id\" uuid NOT NULL, \"session_id\" uuid NOT NULL, \"published_on\" date NOT NULL, \"ends_on\" date NOT NULL, \"working_days\" integer NOT NULL, \"holidays\" jsonb NOT NULL, \"channels\" text NOT NULL, \"published_by\" text NOT NULL, \"published_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_69742227b5bc4c38c2ee4bc11da\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"UQ_public_notice_session\" ON \"public_notice\"  (\"session_id\") ");
    await q.query("CREATE TABLE \"notice_comment\" (\"id\" uuid NOT NULL, \"notice_id\" uuid NOT NULL, \"item_id\" uuid, \"author\" text NOT NULL, \"body\" text NOT NULL, \"received_on\" date NOT NULL, \"recorded_by\" text NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_c2f2b32e70262eafb3e43c80a44\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"IDX_notice_comment_notice\" ON \"notice_comment\"  (\"notice_id\") ");
    await q.query("CREATE TABLE \"notice_answer\" (\"id\" uuid NOT NULL, \"comment_id\" uuid NOT NULL, \"body\" text NOT NULL, \"upheld\" boolean NOT NULL, \"answered_by\" text NOT NULL, \"answered_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_00bc6eb56fabd856fbd248cfc88\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"UQ_notice_answer_comment\" ON \"notice_answer\"  (\"comment_id\") ");
    await q.query("ALTER TABLE \"review_session_member\" ADD CONSTRAINT \"FK_410393c5bd5bca1d2e7e3054729\" FOREIGN KEY (\"session_id\") REFERENCES \"review_session\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"review_session_member\" ADD CONSTRAINT \"FK_e29979f3cb9e4cecb55ba52a57c\" FOREIGN KEY (\"account_id\") REFERENCES \"account\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"review_session_member\" ADD CONSTRAINT \"FK_0abff04ea083552fe1d6676e1e3\" FOREIGN KEY (\"unit_id\") REFERENCES \"unit\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"review_item\" ADD CONSTRAINT \"FK_06e4e1d17df3a392706ead4785a\" FOREIGN KEY (\"session_id\") REFERENCES \"review_session\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"review_item\" ADD CONSTRAINT \"FK_f63912d43bcbb4e14d49e868cc8\" FOREIGN KEY (\"candidate_id\") REFERENCES \"candidate\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"review_item\" ADD CONSTRAINT \"FK_6002f45816cc69d29f3a37730c9\" FOREIGN KEY (\"criteria_set_id\") REFERENCES \"criteria_set\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"review_assignment\" ADD CONSTRAINT \"FK_04669779d0aaf8145b1ef5210f4\" FOREIGN KEY (\"item_id\") REFERENCES \"review_item\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"review_assignment\" ADD CONSTRAINT \"FK_0960ff781a500039d868712d608\" FOREIGN KEY (\"reviewer_id\") REFERENCES \"account\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"review_checklist\" ADD CONSTRAINT \"FK_3ec1dbc8ccfb3a0034bd7c96b8e\" FOREIGN KEY (\"item_id\") REFERENCES \"review_item\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"review_checklist\" ADD CONSTRAINT \"FK_f257b88dc099c4e0d831c3d2148\" FOREIGN KEY (\"reviewer_id\") REFERENCES \"account\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"review_checklist\" ADD CONSTRAINT \"FK_b6bb78bf6653b2df06a9ad9bfa1\" FOREIGN KEY (\"criteria_set_id\") REFERENCES \"criteria_set\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"review_checklist\" ADD CONSTRAINT \"FK_18b4fbe97958487793d7f787d14\" FOREIGN KEY (\"corrects_id\") REFERENCES \"review_checklist\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"council_vote\" ADD CONSTRAINT \"FK_91e534629e7b198f22a43593c36\" FOREIGN KEY (\"item_id\") REFERENCES \"review_item\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"council_vote\" ADD CONSTRAINT \"FK_6a12ea5ff0715f114775459bf79\" FOREIGN KEY (\"member_id\") REFERENCES \"account\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"ballot_box\" ADD CONSTRAINT \"FK_38ba9a3d3df993ee044be6ac72e\" FOREIGN KEY (\"item_id\") REFERENCES \"review_item\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"public_notice\" ADD CONSTRAINT \"FK_151f5a9e34b2bb0c88472d867d9\" FOREIGN KEY (\"session_id\") REFERENCES \"review_session\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"notice_comment\" ADD CONSTRAINT \"FK_a0e555565e0bf26ff157d959da8\" FOREIGN KEY (\"notice_id\") REFERENCES \"public_notice\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"notice_comment\" ADD CONSTRAINT \"FK_130ad0f701b05b87ab51fecca21\" FOREIGN KEY (\"item_id\") REFERENCES \"review_item\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"notice_answer\" ADD CONSTRAINT \"FK_ba7f3a40b4b8984da1163a959c4\" FOREIGN KEY (\"comment_id\") REFERENCES \"notice_comment\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");

    // A candidate is in at most one session at a time: the item holds it until the item closes.
    await q.query(`CREATE UNIQUE INDEX "UQ_review_item_open_candidate" ON "review_item" ("candidate_id") WHERE closed_at IS NULL`);
    await q.query(`CREATE INDEX "IDX_review_item_candidate" ON "review_item" ("candidate_id")`);

    for (const set of CRITERIA_V1) {
      await q.query(
        `INSERT INTO criteria_set (id, code, version, applies_to, criteria, note, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6, 'he-thong', '2024-02-01T00:00:00Z')`,
        [set.id, set.code, set.version, set.appliesTo, JSON.stringify(set.criteria), 'Phiên bản 1: theo mục III.2.2 Báo cáo của Sở Nội vụ tỉnh Bắc Giang (02/2024)'],
      );
    }

    // Append-only, enforced by the database itself (append_only() comes from the Initial migration).
    for (const table of ['criteria_set', 'review_assignment', 'review_checklist', 'council_vote', 'public_notice', 'notice_comment', 'notice_answer']) {
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
      await q.query(`
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
            REVOKE UPDATE, DELETE, TRUNCATE ON "${table}" FROM dth_app;
          END IF;
        END $$`);
    }
    // Sessions, items and urns move on but are never removed.
    for (const table of ['review_session', 'review_session_member', 'review_item', 'ballot_box']) {
      await q.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
