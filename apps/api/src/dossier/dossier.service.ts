/**
 * The dossier: a session's submission memo (tờ trình), candidate list and public-notice list, and each candidate's
 * achievement report (báo cáo thành tích), as PDF and DOCX, with the legal bases and signatory blocks of the
 * jurisdiction profile in force on the document's date. The achievement report is pre-filled from the candidate's
 * data; each edit is a new version (append-only), audited in the report's own stream.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AchievementReportView } from '#contracts';
import { FIELDS, SUBJECT_KINDS, labelsOf, signatureLines, type ProfileAuthority } from '#domain';
import { AuditWriter } from '../audit/audit.writer.js';
import { achievementReportStream } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { PdfRenderer } from '../documents/pdf-renderer.js';
import { JurisdictionProfiles, type ProfileInForce } from '../jurisdiction/jurisdiction-profiles.js';
import { AchievementReportVersion, type AchievementReportContent } from './achievement-report.entity.js';
import { renderDossierPdf, type DossierDocument } from './dossier-document.js';
import { peopleNamed } from '../audit/audit-names.js';
import { formatDateVi } from '../documents/vietnamese-format.js';
import { lazyModule } from '../common/lazy-module.js';

export const SESSION_DOCUMENTS = ['to-trinh', 'danh-sach', 'danh-sach-cong-khai'] as const;
export type SessionDocument = (typeof SESSION_DOCUMENTS)[number];
export const FORMATS = ['pdf', 'docx'] as const;
export type DossierFormat = (typeof FORMATS)[number];

export interface RenderedDossier {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

interface CandidateFacts {
  id: string;
  name: string;
  kind: string;
  field: string;
  year: number;
  achievement: string;
  unitName: string;
  state: string;
}

interface SessionRow {
  candidateId: string;
  name: string;
  kind: string;
  field: string;
  achievement: string;
  unitName: string;
  outcome: string | null;
  status: string;
}

const kindVi = (k: string) => labelsOf(SUBJECT_KINDS, k)?.vi ?? k;
const fieldVi = (f: string) => labelsOf(FIELDS, f)?.vi ?? f;

/** The DOCX layout (and the docx package), loaded by the first DOCX asked for. */
const loadDossierDocx = lazyModule(() => import('./dossier-docx.js'));

@Injectable()
export class DossierService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly profiles: JurisdictionProfiles,
    private readonly renderer: PdfRenderer,
    private readonly clock: Clock,
  ) {}

  // ---- achievement report ----

  async report(candidateId: string): Promise<AchievementReportView> {
    const c = await this.candidate(candidateId);
    const versions = (await this.dataSource.query(
      `SELECT version, content, note, written_by AS "writtenBy", written_at AS "writtenAt" FROM achievement_report_version WHERE candidate_id = $1 ORDER BY version`,
      [candidateId],
    )) as { version: number; content: AchievementReportContent; note: string | null; writtenBy: string; writtenAt: Date }[];
    const last = versions.at(-1);
    return {
      candidateId,
      candidateName: c.name,
      version: last?.version ?? 0,
      content: last?.content ?? (await this.prefilled(c)),
      writtenBy: last?.writtenBy ?? null,
      writtenAt: last ? new Date(last.writtenAt).toISOString() : null,
      versions: versions.map((v) => ({ version: v.version, writtenBy: v.writtenBy, writtenAt: new Date(v.writtenAt).toISOString(), note: v.note })),
      reportDate: this.clock.today(),
      people: await peopleNamed(this.dataSource, versions.map((v) => v.writtenBy)),
    };
  }

  /** A new version of the report; `expectedVersion` is the version the editor started from (0: the pre-filled draft). */
  async saveReport(candidateId: string, input: { content: AchievementReportContent; expectedVersion: number; note?: string }, actor: Actor): Promise<AchievementReportView> {
    await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [achievementReportStream(candidateId)]);
      const [{ current }] = (await em.query(`SELECT coalesce(max(version), 0)::int AS current FROM achievement_report_version WHERE candidate_id = $1`, [candidateId])) as { current: number }[];
      if (current !== input.expectedVersion) throw new DomainError('STALE_VERSION', { field: 'expectedVersion', expectedVersion: input.expectedVersion, currentVersion: current });
      const now = this.clock.now();
      const row: AchievementReportVersion = { id: randomUUID(), candidateId, version: current + 1, content: input.content, note: input.note ?? null, writtenBy: actor.username, writtenAt: now };
      await em.insert(AchievementReportVersion, row);
      await this.audit.append(em, {
        stream: achievementReportStream(candidateId),
        candidateId,
        eventType: 'ACHIEVEMENT_REPORT_VERSION',
        payload: { versionId: row.id, version: row.version, content: row.content, note: row.note },
        actor: actor.username,
        occurredAt: now,
      });
    });
    return this.report(candidateId);
  }

  async renderReport(candidateId: string, format: DossierFormat): Promise<RenderedDossier> {
    const c = await this.candidate(candidateId);
    const report = await this.report(candidateId);
    const date = this.clock.today();
    const s = report.content;
    const individual = c.kind === 'INDIVIDUAL';
    const doc: DossierDocument = {
      issuer: { name: c.unitName, place: (await this.profile(date)).content.place },
      number: '',
      date,
      name: 'BÁO CÁO THÀNH TÍCH',
      subject: `Đề nghị công nhận điển hình tiên tiến năm ${c.year}`,
      blocks: [
        { kind: 'paragraph', text: `${individual ? 'Họ và tên' : 'Tên tập thể'}: ${c.name} · ${kindVi(c.kind)} · Lĩnh vực: ${fieldVi(c.field)} · Đơn vị: ${c.unitName}.` },
        { kind: 'heading', text: individual ? 'I. SƠ LƯỢC LÝ LỊCH' : 'I. ĐẶC ĐIỂM, TÌNH HÌNH' },
        ...paragraphs(s.profile),
        { kind: 'heading', text: 'II. THÀNH TÍCH ĐẠT ĐƯỢC' },
        { kind: 'heading', text: '1. Thành tích' },
        ...paragraphs(s.achievements),
        { kind: 'heading', text: '2. Các giải pháp, biện pháp, mô hình, cách làm mới' },
        ...paragraphs(s.methods),
        { kind: 'heading', text: '3. Hiệu quả và khả năng nhân rộng' },
        ...paragraphs(s.impact),
        { kind: 'heading', text: 'III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG' },
        ...paragraphs(s.earlierAwards),
        ...(report.version > 0 ? [{ kind: 'paragraph' as const, italics: true, text: `Bản số ${report.version}, cập nhật ngày ${formatDateVi(report.writtenAt!.slice(0, 10))} bởi ${report.people[report.writtenBy!]?.name.vi ?? report.writtenBy}.` }] : []),
      ],
      // The instruction report forms (báo cáo thành tích) usually print under each signer: heads sign and seal, an
      // individual signs and writes their name out. (The appendix's own text is not among the project's sources.)
      confirmation: { titleLines: ['XÁC NHẬN CỦA THỦ TRƯỞNG', 'ĐƠN VỊ CẤP TRÌNH'], name: '', hint: '(Ký, đóng dấu)' },
      signer: individual
        ? { titleLines: ['NGƯỜI BÁO CÁO THÀNH TÍCH'], name: c.name, hint: '(Ký, ghi rõ họ và tên)' }
        : { titleLines: ['THỦ TRƯỞNG ĐƠN VỊ'], name: '', hint: '(Ký, đóng dấu)' },
      generatedAt: this.clock.now().toISOString(),
      fileName: `Báo cáo thành tích - ${c.name}`,
    };
    return this.render(doc, format);
  }

  // ---- the session's documents ----

  async renderSession(sessionId: string, document: SessionDocument, format: DossierFormat): Promise<RenderedDossier> {
    const [session] = (await this.dataSource.query(
      `SELECT s.id, s.title, s.year, s.status, to_char(n.published_on, 'YYYY-MM-DD') AS "noticeFrom", to_char(n.ends_on, 'YYYY-MM-DD') AS "noticeTo", n.channels
         FROM review_session s LEFT JOIN public_notice n ON n.session_id = s.id WHERE s.id = $1`,
      [sessionId],
    )) as { id: string; title: string; year: number; status: string; noticeFrom: string | null; noticeTo: string | null; channels: string | null }[];
    if (!session) throw new DomainError('REVIEW_SESSION_NOT_FOUND', { sessionId });
    const rows = (await this.dataSource.query(
      `SELECT c.id AS "candidateId", c.name, c.kind, c.field, c.achievement, u.name AS "unitName", i.outcome, i.status
         FROM review_item i JOIN candidate c ON c.id = i.candidate_id JOIN unit u ON u.id = c.unit_id
        WHERE i.session_id = $1 ORDER BY c.kind, c.name, c.id`,
      [sessionId],
    )) as SessionRow[];
    const date = this.clock.today();
    const profile = await this.profile(date);
    const council = this.authorityOr(profile, 'HDTDKT_TINH');
    const upper = this.authorityOr(profile, 'UBND_TINH');
    const issuer = { ...(council.parentName ? { parentName: council.parentName } : {}), name: council.header, place: profile.content.place };
    const signer = { titleLines: signatureLines(council.signatory), name: council.signatory.name ?? '' };
    const generatedAt = this.clock.now().toISOString();
    const recognised = rows.filter((r) => r.outcome === 'RECOGNISE');
    const table = (list: SessionRow[], withOutcome: boolean) => ({
      kind: 'table' as const,
      headers: ['TT', 'Tên cá nhân, tập thể', 'Đơn vị', 'Lĩnh vực', 'Thành tích', ...(withOutcome ? ['Kết quả'] : [])],
      widths: [5, 18, 16, 10, 39, ...(withOutcome ? [12] : [])],
      rows: list.map((r, i) => [String(i + 1), `${r.name} (${kindVi(r.kind)})`, r.unitName, fieldVi(r.field), r.achievement, ...(withOutcome ? [outcomeVi(r)] : [])]),
    });
    // The body the memo goes to, in running text: "Ủy ban nhân dân tỉnh Bắc Ninh" (the profile names the jurisdiction).
    const committee = `Ủy ban nhân dân ${profile.content.jurisdictionName}`;
    const counts = `${rows.length} hồ sơ được xét, trong đó ${recognised.length} hồ sơ được Hội đồng đề nghị công nhận`;
    let doc: DossierDocument;
    if (document === 'danh-sach') {
      doc = {
        issuer,
        number: '',
        date,
        name: 'DANH SÁCH',
        subject: `Cá nhân, tập thể được xét công nhận điển hình tiên tiến năm ${session.year} (${session.title})`,
        blocks: [{ kind: 'paragraph', text: `${counts}.` }, table(rows, true)],
        signer,
        generatedAt,
        fileName: `Danh sách xét - ${session.title}`,
      };
    } else if (document === 'danh-sach-cong-khai') {
      const period = session.noticeFrom ? `từ ngày ${formatDateVi(session.noticeFrom)} đến hết ngày ${formatDateVi(session.noticeTo!)}` : '(chưa công bố thời gian công khai)';
      doc = {
        issuer,
        number: '',
        date: session.noticeFrom ?? date,
        name: 'DANH SÁCH',
        subject: `Công khai lấy ý kiến các cá nhân, tập thể được đề nghị công nhận điển hình tiên tiến năm ${session.year}`,
        blocks: [
          { kind: 'paragraph', text: `Thời gian công khai: ${period}${session.channels ? `; hình thức: ${session.channels}` : ''}. Mọi ý kiến phản ánh gửi về Thường trực ${profile.content.council.name} trong thời gian công khai.` },
          table(recognised, false),
        ],
        signer,
        generatedAt,
        fileName: `Danh sách công khai - ${session.title}`,
      };
    } else {
      doc = {
        issuer,
        number: '',
        date,
        name: 'TỜ TRÌNH',
        subject: `Về việc đề nghị công nhận điển hình tiên tiến năm ${session.year}`,
        addressee: committee,
        blocks: [
          ...upper.legalBases.map((b) => ({ kind: 'paragraph' as const, italics: true, text: b })),
          { kind: 'paragraph', text: `Căn cứ kết quả đợt xét "${session.title}" của ${profile.content.council.name}${session.noticeFrom ? ` và kết quả công khai lấy ý kiến từ ngày ${formatDateVi(session.noticeFrom)} đến hết ngày ${formatDateVi(session.noticeTo!)}` : ''}: ${counts}.` },
          { kind: 'paragraph', text: `${profile.content.council.name} kính trình ${committee} xem xét, quyết định công nhận điển hình tiên tiến năm ${session.year} đối với ${recognised.length} cá nhân, tập thể có tên trong danh sách kèm theo.` },
          table(recognised, false),
          { kind: 'paragraph', text: 'Hồ sơ kèm theo: biên bản họp Hội đồng, báo cáo thành tích của từng cá nhân, tập thể, danh sách công khai và kết quả công khai lấy ý kiến.' },
          { kind: 'paragraph', text: `Kính trình ${committee} xem xét, quyết định./.` },
        ],
        signer,
        distribution: ['Như trên;', 'Lưu: VT, TĐKT.'],
        generatedAt,
        fileName: `Tờ trình - ${session.title}`,
      };
    }
    return this.render(doc, format);
  }

  // ---- helpers ----

  private async render(doc: DossierDocument, format: DossierFormat): Promise<RenderedDossier> {
    if (format === 'pdf') return { bytes: await renderDossierPdf(this.renderer, doc), contentType: 'application/pdf', fileName: `${doc.fileName}.pdf` };
    const { renderDossierDocx } = await loadDossierDocx();
    return { bytes: await renderDossierDocx(doc), contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileName: `${doc.fileName}.docx` };
  }

  private async candidate(id: string): Promise<CandidateFacts> {
    const [c] = (await this.dataSource.query(
      `SELECT c.id, c.name, c.kind, c.field, c.year, c.achievement, c.state, u.name AS "unitName" FROM candidate c JOIN unit u ON u.id = c.unit_id WHERE c.id = $1`,
      [id],
    )) as CandidateFacts[];
    if (!c) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId: id });
    return c;
  }

  /** The first version's text: the candidate's own facts, its nurturing check-ins' strengths and its earlier recognitions. */
  private async prefilled(c: CandidateFacts): Promise<AchievementReportContent> {
    const strengths = (await this.dataSource.query(`SELECT to_char(checked_on, 'DD/MM/YYYY') AS date, strengths FROM nurturing_check_in WHERE candidate_id = $1 ORDER BY checked_on, recorded_at`, [c.id])) as {
      date: string;
      strengths: string;
    }[];
    const earlier = (await this.dataSource.query(
      `SELECT d.number || '/' || d.symbol AS number, to_char(d.issued_on, 'DD/MM/YYYY') AS "issuedOn", d.year
         FROM decision_recipient r JOIN recognition_decision d ON d.id = r.decision_id JOIN candidate c ON c.id = r.candidate_id
        WHERE coalesce(c.subject_id, c.id) = (SELECT coalesce(subject_id, id) FROM candidate WHERE id = $1) AND d.kind = 'RECOGNITION' AND r.candidate_id <> $1
        ORDER BY d.issued_on`,
      [c.id],
    )) as { number: string; issuedOn: string; year: number }[];
    return {
      profile: `${c.name}, ${kindVi(c.kind).toLowerCase()} thuộc ${c.unitName}; lĩnh vực ${fieldVi(c.field).toLowerCase()}.`,
      achievements: c.achievement,
      methods: strengths.length ? strengths.map((s) => `${s.date}: ${s.strengths}`).join('\n') : '',
      impact: '',
      earlierAwards: earlier.length ? earlier.map((e) => `Điển hình tiên tiến năm ${e.year} (Quyết định số ${e.number} ngày ${e.issuedOn}).`).join('\n') : 'Chưa có.',
    };
  }

  private async profile(date: string): Promise<ProfileInForce> {
    return this.profiles.inForceOn(date);
  }

  private authorityOr(profile: ProfileInForce, code: 'UBND_TINH' | 'HDTDKT_TINH'): ProfileAuthority {
    return this.profiles.authority(profile, code);
  }
}

function paragraphs(text: string): { kind: 'paragraph'; text: string }[] {
  const parts = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (parts.length ? parts : ['…']).map((p) => ({ kind: 'paragraph' as const, text: p }));
}

function outcomeVi(r: SessionRow): string {
  if (r.outcome === 'RECOGNISE') return 'Đề nghị công nhận';
  if (r.outcome === 'RETURN_TO_NURTURING') return 'Tiếp tục bồi dưỡng';
  if (r.outcome === 'REJECT') return 'Không công nhận';
  return r.status === 'DECIDED' ? 'Chưa quyết định' : 'Đang xét';
}
