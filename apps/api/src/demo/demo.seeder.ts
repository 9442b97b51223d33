/**
 * A small demo province, seeded on the first start of an empty embedded database (SEED_DEMO=auto) or on
 * request (SEED_DEMO=true). Everything goes through the same services as a person's requests, so the demo
 * data has complete audit trails. Names of people and organisations are illustrative.
 */
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CandidateEvent } from '#workflow';
import { CandidatesService } from '../candidates/candidates.service.js';
import { AppConfig } from '../config/app-config.js';
import { systemActor, type Actor } from '../common/actor.js';
import { AccountsService } from '../accounts/accounts.service.js';
import type { Role } from '#domain';
import { EvidenceService } from '../evidence/evidence.service.js';
import { Clock } from '../common/clock.js';
import { DecisionDrafts } from '../decisions/decision-drafts.service.js';
import { DecisionSigning } from '../signatures/decision-signing.js';
import { JurisdictionProfiles } from '../jurisdiction/jurisdiction-profiles.js';
import { BAC_NINH_AFTER_MERGER, BAC_NINH_WITH_REGULATION } from './demo-profile.js';
import { MovementsService } from '../movements/movements.service.js';
import { RegistrationsService } from '../movements/registrations.service.js';
import {
  AddCandidate,
  AnswerComment,
  AssignAutomatically,
  AssignReviewers,
  CastVote,
  CloseVoting,
  ConfirmDecision,
  Finalise,
  OpenSession,
  OpenVoting,
  PublishNotice,
  RecordComment,
  SubmitChecklist,
} from '../reviews/use-cases/index.js';
import { CandidateTransitions } from '../transitions/candidate-transitions.service.js';
import { Unit } from '../units/unit.entity.js';
import type { CreateCandidateDto } from '../candidates/dto/create-candidate.dto.js';
import { UnitImportService } from '../units/import/unit-import.service.js';
import { ReorganisationService } from '../reorganisation/reorganisation.service.js';
import type { ReorganisationDto } from '../reorganisation/dto/reorganisation.dto.js';
import { CouncilsService } from '../councils/councils.service.js';
import { DOCUMENTS, FORMER_PROVINCES_CSV, FORMER_PROVINCES_FILE } from './former-provinces.js';

const SYSTEM: Actor = systemActor('du-lieu-mau');

/** The demo's one password, documented in the README; demo data only, never a real deployment. */
export const DEMO_PASSWORD = 'demo-dhtt-2025';

/** A one-page PDF whose text says what it is: enough to open, hash and download. */
function demoPdf(title: string): Buffer {
  const text = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 770 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const plan = (goals: string, supporter: string) => ({ goals, supporter });
const checkIn = (date: string, strengths: string, shortcomings: string): CandidateEvent => ({ type: 'RECORD_CHECK_IN', date, strengths, shortcomings });

@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly candidates: CandidatesService,
    private readonly transitions: CandidateTransitions,
    private readonly evidence: EvidenceService,
    private readonly accounts: AccountsService,
    private readonly openSession: OpenSession,
    private readonly addCandidate: AddCandidate,
    private readonly assignReviewers: AssignReviewers,
    private readonly assignAutomatically: AssignAutomatically,
    private readonly submitChecklist: SubmitChecklist,
    private readonly openVoting: OpenVoting,
    private readonly castVote: CastVote,
    private readonly closeVoting: CloseVoting,
    private readonly confirmDecision: ConfirmDecision,
    private readonly publishNotice: PublishNotice,
    private readonly recordComment: RecordComment,
    private readonly answerComment: AnswerComment,
    private readonly finalise: Finalise,
    private readonly clock: Clock,
    private readonly movements: MovementsService,
    private readonly registrations: RegistrationsService,
    private readonly profiles: JurisdictionProfiles,
    private readonly drafts: DecisionDrafts,
    private readonly signing: DecisionSigning,
    private readonly unitImport: UnitImportService,
    private readonly reorganisation: ReorganisationService,
    private readonly councils: CouncilsService,
  ) {}

  async seedIfWanted(embedded: boolean): Promise<boolean> {
    const wanted = this.config.SEED_DEMO === 'true' || (this.config.SEED_DEMO === 'auto' && embedded);
    if (!wanted) return false;
    if ((await this.dataSource.getRepository(Unit).count()) > 0) return false;
    await this.seed();
    this.logger.log('Đã tạo dữ liệu mẫu / Demo province seeded');
    return true;
  }

  /**
   * The demo province as of 2026, built the way it came to be. First the two former provinces as they were (a small
   * real subset of Bắc Giang and Bắc Ninh, imported as a unit list on 08/01/2024), their people, a department
   * council's 2024 session and the 2025 candidates discovered in the former units; then the reorganisation of
   * 01/7/2025 applied through the reorganisation operations (provinces merged, departments merged, communes merged,
   * districts dissolved), so every candidate, account and council follows its unit's successor; then the merged
   * province's year: the council's session "Tổng kết năm 2025" (secret ballot, conflicts of interest excluded, public
   * notice, final decision), one exemplar being replicated, and an open session of 2026 waiting for its reviewers.
   * The past is entered as of its dates (Clock.during), so every record is dated when it happened, in order.
   */
  private async seed(): Promise<void> {
    // How long each phase took (LOG_LEVEL=debug): the demo is most of a new data folder's start.
    let phaseStart = performance.now();
    const phaseDone = (phase: string) => {
      const now = performance.now();
      this.logger.debug(`Dữ liệu mẫu / Demo seeding: ${phase} ${Math.round(now - phaseStart)} ms`);
      phaseStart = now;
    };
    const at = <T>(date: string, work: () => Promise<T>): Promise<T> => this.clock.during(new Date(`${date}T09:00:00+07:00`), work);
    const people: Record<string, { id: string }> = {};
    const account = async (username: string, displayName: string, role: Role, unitId?: string) => {
      people[username] = await this.accounts.create({ username, displayName, role, unitId, password: DEMO_PASSWORD, email: `${username}@demo.dhtt.vn` }, SYSTEM);
    };

    // The two former provinces, imported in one go (one transaction, one audited import with the file kept).
    const u = await at('2024-01-08', async () => {
      const buffer = Buffer.from(FORMER_PROVINCES_CSV, 'utf8');
      const file = { originalname: FORMER_PROVINCES_FILE, mimetype: 'text/csv', size: buffer.length, buffer };
      const preview = await this.unitImport.preview(file);
      const result = await this.unitImport.apply(file, preview.planDigest, SYSTEM);
      const ids = Object.fromEntries(result.items.map((i) => [i.code, i.unitId!])) as Record<string, string>;
      // People of the former Bắc Giang; they move with their units on 01/7/2025.
      await account('admin', 'Quản trị hệ thống', 'ADMIN', ids.BG);
      await account('truongdonvi', 'Trần Văn Hùng (Giám đốc Sở Giáo dục và Đào tạo)', 'UNIT_HEAD', ids['BG-SGDDT']);
      await account('thuongtruc', 'Phạm Minh Đức (Ban Thi đua - Khen thưởng)', 'COUNCIL_SECRETARY', ids.BG);
      await account('uyvien1', 'Đỗ Thu Hà (Sở Y tế)', 'COUNCIL_MEMBER', ids['BG-SYT']);
      await account('uyvien2', 'Vũ Quang Huy (Công an tỉnh)', 'COUNCIL_MEMBER', ids['BG-CA']);
      await account('kiemtra', 'Lý Thị Nga (Kiểm tra, giám sát)', 'AUDITOR', ids.BG);
      await account('vanthu', 'Nguyễn Thị Thu (Văn thư Văn phòng UBND tỉnh)', 'CLERK', ids.BG);
      // The council of Sở Nội vụ (Điều 9: agencies have their own councils): its members sit in the department's office.
      await account('thuongtrucnv', 'Lương Thị Yến (Thường trực Hội đồng Sở Nội vụ)', 'COUNCIL_SECRETARY', ids['BG-SNV-VP']);
      await account('uyviennv1', 'Đinh Văn Quý (Sở Nội vụ)', 'COUNCIL_MEMBER', ids['BG-SNV-VP']);
      await account('uyviennv2', 'Mai Thị Hằng (Sở Nội vụ)', 'COUNCIL_MEMBER', ids['BG-SNV-VP']);
      await account('uyviennv3', 'Tạ Quang Vinh (Sở Nội vụ)', 'COUNCIL_MEMBER', ids['BG-SNV-VP']);
      return ids;
    });
    phaseDone('units imported, 2024 accounts');

    const actor = async (username: string): Promise<Actor> => {
      const [row] = (await this.dataSource.query('SELECT a.id, a.role, a.unit_id AS "unitId", u.path FROM account a LEFT JOIN unit u ON u.id = a.unit_id WHERE a.username = $1', [username])) as {
        id: string;
        role: Role;
        unitId: string | null;
        path: string | null;
      }[];
      return { accountId: row!.id, username, role: row!.role, unitId: row!.unitId, unitPath: row!.path };
    };
    const send = (candidateId: string, event: CandidateEvent, by: Actor = SYSTEM) => this.transitions.send({ candidateId, event, actor: by });
    /** A candidate discovered, given evidence and taken into nurturing; its check-ins and proposal come in their time. */
    const nurture = (dto: CreateCandidateDto, discovered: string, evidenceTitle?: string) =>
      at(discovered, async () => {
        const c = await this.candidates.discover(dto, SYSTEM);
        if (evidenceTitle) {
          const buffer = demoPdf(evidenceTitle);
          await this.evidence.attach(c.id, { originalname: `${evidenceTitle}.pdf`, mimetype: 'application/pdf', size: buffer.length, buffer }, SYSTEM);
        }
        await send(c.id, { type: 'START_NURTURING', ...plan('Hoàn thiện mô hình, tổng kết kinh nghiệm để nhân rộng', 'Ban Thi đua - Khen thưởng') });
        return c.id;
      });
    const checkOn = (id: string, date: string, by?: Actor) => at(date, () => send(id, checkIn(date, 'Mô hình hiệu quả, được người dân đồng tình', 'Chưa có tài liệu hướng dẫn để đơn vị khác học tập'), by));
    const propose = (id: string, date: string) => at(date, () => send(id, { type: 'PROPOSE_FOR_REVIEW', note: 'Đề nghị xét trong đợt tổng kết năm' }));
    const marks = async (itemId: string, notMet: Record<string, string> = {}) => {
      const [row] = (await this.dataSource.query('SELECT s.criteria FROM review_item i JOIN criteria_set s ON s.id = i.criteria_set_id WHERE i.id = $1', [itemId])) as { criteria: { code: string }[] }[];
      return row!.criteria.map((c) => ({ criterionCode: c.code, met: !notMet[c.code], comment: notMet[c.code] ?? 'Đạt; có minh chứng kèm hồ sơ.' }));
    };

    // 2024: the council of Sở Nội vụ tỉnh Bắc Giang, and its year-end session, which returned its one candidate to
    // nurturing. After 01/7/2025 this council carries on under the merged Sở Nội vụ with this history.
    const nv = { secretary: await actor('thuongtrucnv'), m1: await actor('uyviennv1'), m2: await actor('uyviennv2'), m3: await actor('uyviennv3') };
    await at('2024-02-05', async () => {
      const council = await this.councils.setUp({ unitId: u['BG-SNV']! }, SYSTEM);
      await this.councils.publishComposition(
        council.id,
        {
          members: [
            { accountId: nv.m1.accountId, position: 'CHAIR' },
            { accountId: nv.m2.accountId, position: 'MEMBER_SECRETARY' },
            { accountId: nv.m3.accountId, position: 'MEMBER' },
          ],
          secretariat: [nv.secretary.accountId],
          note: 'Hội đồng Thi đua - Khen thưởng Sở Nội vụ tỉnh Bắc Giang',
        },
        SYSTEM,
      );
    });
    const archive = await nurture(
      { kind: 'COLLECTIVE', name: 'Trung tâm Lưu trữ lịch sử tỉnh Bắc Giang', unitId: u['BG-SNV-LT']!, field: 'OTHER', year: 2024, discoveryChannel: 'INSPECTION', achievement: 'Số hóa hơn 120.000 trang tài liệu lưu trữ lịch sử; phục vụ tra cứu trực tuyến cho người dân.' },
      '2024-03-11',
      'Bao cao so hoa tai lieu luu tru',
    );
    await checkOn(archive, '2024-08-20');
    await propose(archive, '2024-10-21');
    const archiveSession = await at('2024-11-11', () => this.openSession.execute({ title: 'Tổng kết năm 2024 - Sở Nội vụ', year: 2024, ballot: 'OPEN', ruleSetCode: 'THUC_TIEN_2014_2023' }, nv.secretary));
    await at('2024-11-12', async () => {
      const { itemId } = await this.addCandidate.execute(archiveSession.id, archive, nv.secretary);
      await this.assignReviewers.execute(archiveSession.id, itemId, [nv.m1.accountId, nv.m2.accountId], nv.secretary);
      const notMet = { C4_LEADING_MODEL: 'Chưa đánh giá được hiệu quả khai thác của người dân; cần số liệu một năm.' };
      for (const m of [nv.m1, nv.m2]) await this.submitChecklist.execute(archiveSession.id, itemId, { marks: await marks(itemId, notMet) }, m);
      await this.openVoting.execute(archiveSession.id, [nv.m1.accountId, nv.m2.accountId, nv.m3.accountId], nv.secretary);
      await this.castVote.execute(archiveSession.id, itemId, { choice: 'IN_FAVOUR' }, nv.m1);
      await this.castVote.execute(archiveSession.id, itemId, { choice: 'IN_FAVOUR' }, nv.m2);
      await this.castVote.execute(archiveSession.id, itemId, { choice: 'ABSTAIN' }, nv.m3);
      await this.closeVoting.execute(archiveSession.id, nv.secretary);
      await this.confirmDecision.execute(archiveSession.id, itemId, { outcome: 'RETURN_TO_NURTURING', note: 'Tiếp tục bồi dưỡng; bổ sung số liệu khai thác tài liệu.' }, nv.secretary);
      await this.finalise.execute(archiveSession.id, nv.secretary);
    });
    phaseDone('2024 council and session');

    // Emulation movements the candidates lead: names of Bắc Giang's real movements; numbers of documents illustrative.
    const units = {
      province: { id: u.BG! },
      education: { id: u['BG-SGDDT']! },
      school: { id: u['BG-THPT-NSL']! },
      hospital: { id: u['BG-BVDK']! },
      district: { id: u['BG-LG']! },
      commune: { id: u['BG-LG-TT']! },
      police: { id: u['BG-CA']! },
      enterprise: { id: u['BG-DN-DAM']! },
    };
    const village = (await at('2025-01-08', async () => {
      const m = await this.movements.launch(
        {
          name: 'Bắc Giang chung sức xây dựng nông thôn mới',
          launchingUnitId: units.province.id,
          periodFrom: '2021-01-01',
          periodTo: '2025-12-31',
          fields: ['ECONOMY', 'CULTURE_SPORTS_TOURISM', 'OTHER'],
          goals: 'Đến hết năm 2025, 100% số xã đạt chuẩn nông thôn mới, 40% số xã đạt chuẩn nông thôn mới nâng cao; xây dựng và nhân rộng các mô hình sản xuất hàng hóa, thôn kiểu mẫu.',
          documentNumber: '38/KH-HĐTĐKT',
          documentDate: '2021-03-15',
          documentTitle: 'Kế hoạch phát động phong trào thi đua "Bắc Giang chung sức xây dựng nông thôn mới" giai đoạn 2021–2025',
        },
        SYSTEM,
      );
      await this.movements.start(m.id, { expectedVersion: 1, note: 'Đưa vào theo dõi trên hệ thống; phong trào đang triển khai từ năm 2021.' }, SYSTEM);
      await this.registrations.register(m.id, { unitId: units.district.id, targets: '100% số xã đạt chuẩn nông thôn mới; 5 xã đạt chuẩn nâng cao; 2 xã kiểu mẫu.', targetExemplars: 12 }, SYSTEM);
      await this.registrations.register(m.id, { unitId: units.commune.id, targets: 'Đạt chuẩn xã nông thôn mới nâng cao năm 2025; mỗi thôn một mô hình sản xuất hiệu quả.', targetExemplars: 3 }, SYSTEM);
      return m;
    })) as unknown as { id: string };
    const teaching = (await at('2025-01-20', async () => {
      const m = await this.movements.launch(
        {
          name: 'Đổi mới, sáng tạo trong dạy và học',
          launchingUnitId: units.education.id,
          periodFrom: '2025-01-01',
          periodTo: '2026-12-31',
          fields: ['EDUCATION_SCIENCE'],
          goals: 'Ứng dụng công nghệ số trong dạy học ở 100% trường THPT; mỗi trường ít nhất một sáng kiến được áp dụng toàn ngành.',
          documentNumber: '112/KH-SGDĐT',
          documentDate: '2025-01-15',
          documentTitle: 'Kế hoạch phát động phong trào thi đua "Đổi mới, sáng tạo trong dạy và học" năm học 2024–2025 và 2025–2026',
        },
        SYSTEM,
      );
      await this.movements.start(m.id, { expectedVersion: 1 }, SYSTEM);
      await this.registrations.register(m.id, { unitId: units.school.id, targets: '5 sáng kiến cấp tỉnh; 30 học sinh giỏi quốc gia; chuyển đổi số toàn bộ hồ sơ dạy học.', targetExemplars: 2 }, SYSTEM);
      return m;
    })) as unknown as { id: string };
    const security = (await at('2025-02-03', () =>
      this.movements.launch(
        {
          name: 'Toàn dân bảo vệ an ninh Tổ quốc',
          launchingUnitId: units.police.id,
          periodFrom: '2025-01-01',
          periodTo: '2025-12-31',
          fields: ['DEFENSE_SECURITY'],
          goals: 'Xây dựng mỗi xã ít nhất một mô hình tự quản về an ninh, trật tự hoạt động hiệu quả.',
          documentNumber: '15/KH-CAT',
          documentDate: '2025-01-25',
        },
        SYSTEM,
      ),
    )) as unknown as { id: string };
    // The school was discovered at this conference (see its nomination below).
    const teachingReview = (await at('2025-02-14', () =>
      this.movements.review(
        teaching.id,
        {
          expectedVersion: 2,
          kind: 'INTERIM',
          heldOn: '2025-02-14',
          results: 'Sơ kết học kỳ I: 42 trường đăng ký, 18 sáng kiến được công nhận cấp ngành.',
          participatingUnits: 42,
          exemplarsFound: 6,
          conferenceHeldOn: '2025-02-14',
          conferencePlace: 'Hội trường Sở Giáo dục và Đào tạo',
          conferenceNote: 'Trường THPT Ngô Sĩ Liên báo cáo điển hình; đề nghị theo dõi, bồi dưỡng.',
        },
        SYSTEM,
      ),
    )) as unknown as { review: { id: string } };

    // 2025, before the reorganisation: candidates discovered and taken into nurturing in the former units.
    const school = await nurture(
      { kind: 'COLLECTIVE', name: 'Trường THPT Ngô Sĩ Liên', unitId: units.school.id, field: 'EDUCATION_SCIENCE', year: 2025, discoveryChannel: 'REVIEW_CONFERENCE', achievement: 'Dẫn đầu phong trào "Đổi mới, sáng tạo trong dạy và học"; 35 học sinh giỏi quốc gia trong 3 năm.', movementIds: [teaching.id], discoveredAtReviewId: teachingReview.review.id },
      '2025-02-17',
      'Bao cao thanh tich truong THPT Ngo Si Lien',
    );
    const icu = await nurture(
      { kind: 'COLLECTIVE', name: 'Khoa Hồi sức tích cực', unitId: units.hospital.id, field: 'HEALTH', year: 2025, discoveryChannel: 'MEDIA', achievement: 'Làm chủ kỹ thuật ECMO, cứu sống nhiều ca bệnh nặng.' },
      '2025-03-03',
      'Bao cao ky thuat ECMO',
    );
    const communePolice = await nurture(
      { kind: 'COLLECTIVE', name: 'Công an xã Tân Thịnh', unitId: units.police.id, field: 'DEFENSE_SECURITY', year: 2025, discoveryChannel: 'REVIEW_CONFERENCE', achievement: 'Xây dựng mô hình "Camera an ninh" phủ kín các thôn.', movementIds: [security.id] },
      '2025-03-10',
      'Bao cao mo hinh Camera an ninh',
    );
    const household = await nurture(
      { kind: 'HOUSEHOLD', name: 'Hộ ông Trần Văn Minh', unitId: units.commune.id, field: 'ECONOMY', year: 2025, discoveryChannel: 'EXCHANGE', achievement: 'Mô hình trồng vải thiều theo tiêu chuẩn VietGAP, giúp 12 hộ trong thôn thoát nghèo.', movementIds: [village.id] },
      '2025-04-07',
      'Xac nhan mo hinh vai thieu VietGAP',
    );
    await at('2025-05-12', () =>
      this.candidates.discover({ kind: 'INDIVIDUAL', name: 'Lê Văn Nam', unitId: units.enterprise.id, field: 'ECONOMY', year: 2025, discoveryChannel: 'INSPECTION', achievement: 'Công nhân có 5 sáng kiến cải tiến kỹ thuật làm lợi cho công ty hơn 2 tỷ đồng.' }, SYSTEM),
    );
    await checkOn(school, '2025-06-20');
    phaseDone('movements and 2025 candidates');

    // 01/7/2025: the reorganisation, through the same operations an administrator uses (each one audited change).
    const successorOf = (op: { effect: { units: { id: string; change: string }[] } }) => op.effect.units.find((x) => x.change === 'CREATED')!.id;
    const after = await at('2025-07-01', async () => {
      const reorganise = (dto: Omit<ReorganisationDto, 'effectiveOn' | 'documentNumber' | 'documentDate' | 'documentAuthority'>, document: (typeof DOCUMENTS)[keyof typeof DOCUMENTS]) =>
        this.reorganisation.apply({ ...dto, ...document, effectiveOn: '2025-07-01' } as ReorganisationDto, SYSTEM);
      // The provinces: Bắc Giang merges into Bắc Ninh; its departments, districts, enterprises and people come along.
      await reorganise({ kind: 'MERGE', unitIds: [u.BG!, u.BN!], intoUnitId: u.BN!, note: 'Hợp nhất tỉnh Bắc Giang và tỉnh Bắc Ninh thành tỉnh Bắc Ninh.' }, DOCUMENTS.provinces);
      // The departments of the two provinces merge into the merged province's departments. The provincial decisions
      // that organised them are not cited (their numbers could not be checked): each step cites the resolution it follows from.
      const department = async (codes: [string, string], name: string, sector: 'STATE' | 'ARMED_FORCES') =>
        successorOf(
          await reorganise(
            { kind: 'MERGE', unitIds: codes.map((c) => u[c]!), newUnit: { name, level: 'DEPARTMENT', sector, parentId: u.BN! }, note: `Hợp nhất ${name.toLowerCase()} của hai tỉnh sau khi hợp nhất tỉnh.` },
            DOCUMENTS.provinces,
          ),
        );
      const education = await department(['BG-SGDDT', 'BN-SGDDT'], 'Sở Giáo dục và Đào tạo', 'STATE');
      const health = await department(['BG-SYT', 'BN-SYT'], 'Sở Y tế', 'STATE');
      // Sở Nội vụ tỉnh Bắc Giang is named first: its council carries on under the merged department.
      const home = await department(['BG-SNV', 'BN-SNV'], 'Sở Nội vụ', 'STATE');
      const police = await department(['BG-CA', 'BN-CA'], 'Công an tỉnh', 'ARMED_FORCES');
      // Communes merge into new communes directly below the province. The composition of each new commune here is a
      // demo subset, not checked line by line against the resolution's article on these communes.
      const commune = async (codes: string[], name: string) =>
        successorOf(await reorganise({ kind: 'MERGE', unitIds: codes.map((c) => u[c]!), newUnit: { name, level: 'GRASSROOTS', sector: 'LOCALITY', parentId: u.BN! } }, DOCUMENTS.communes));
      const langGiang = await commune(['BG-LG-TT', 'BG-LG-QT', 'BG-LG-HS'], 'UBND xã Lạng Giang');
      await commune(['BN-TD-PT', 'BN-TD-VD'], 'UBND xã Phật Tích');
      // Tuấn Đạo is the one commune the resolution leaves as it was: it only comes under the province.
      await reorganise({ kind: 'MOVE', unitId: u['BG-SD-TD']!, parentId: u.BN!, note: 'Xã Tuấn Đạo không thực hiện sắp xếp; trực thuộc tỉnh từ 01/7/2025.' }, DOCUMENTS.communes);
      // No district level from 01/7/2025: the districts, emptied by the steps above, are dissolved.
      for (const code of ['BG-LG', 'BG-SD', 'BN-TD']) await reorganise({ kind: 'DISSOLVE', unitId: u[code]!, note: 'Kết thúc hoạt động của đơn vị hành chính cấp huyện.' }, DOCUMENTS.districts);
      // The head of the new commune, and a council member working there.
      await account('truongdonvi2', 'Ngô Thị Lan (Chủ tịch UBND xã Lạng Giang)', 'UNIT_HEAD', langGiang);
      await account('uyvien3', 'Hoàng Văn Tú (UBND xã Lạng Giang)', 'COUNCIL_MEMBER', langGiang);
      // The office publishes the merged province's profile that day.
      await this.profiles.publish({ effectiveFrom: '2025-07-01', content: BAC_NINH_AFTER_MERGER, note: 'Sáp nhập tỉnh Bắc Giang vào tỉnh Bắc Ninh; Nghị định 152/2025/NĐ-CP thay Nghị định 98/2023/NĐ-CP.' }, SYSTEM);
      return { education, health, home, police, langGiang };
    });
    void after;
    phaseDone('reorganisation of 01/7/2025');

    // The work carries on in the successor units: the new commune's head checks on the household of the former
    // Tân Thịnh. (The archive, returned by Sở Nội vụ's council in 2024, waits for the merged department to take it up.)
    await checkOn(icu, '2025-07-15');
    await checkOn(communePolice, '2025-08-05');
    await checkOn(household, '2025-09-12', await actor('truongdonvi2'));
    await propose(school, '2025-10-15');
    await propose(icu, '2025-10-20');
    await propose(communePolice, '2025-10-22');

    // The council's session of 2025, by secret ballot. uyvien1 (Sở Y tế) may not judge the hospital's ICU, nor
    // uyvien2 (Công an tỉnh) the commune police: the system leaves them out of those candidates.
    const secretary = await actor('thuongtruc');
    const members = { uyvien1: await actor('uyvien1'), uyvien2: await actor('uyvien2'), uyvien3: await actor('uyvien3') };
    // The 2025 session of the seed's three-member council follows the historical practice (2/3 and 70% of the
    // members without a conflict): under the regulation's rule set a recused member would count as not in favour.
    const session = (await at('2025-11-17', () =>
      this.openSession.execute({ title: 'Tổng kết năm 2025', year: 2025, chairName: 'Nguyễn Văn Mạnh, Phó Chủ tịch UBND tỉnh', venue: 'Phòng họp số 1, UBND tỉnh Bắc Ninh', ballot: 'SECRET', ruleSetCode: 'THUC_TIEN_2014_2023' }, secretary),
    )) as unknown as { id: string };
    const items: Record<string, string> = {};
    await at('2025-11-18', async () => {
      for (const [key, id] of Object.entries({ school, icu, communePolice })) items[key] = (await this.addCandidate.execute(session.id, id, secretary)).itemId;
      await this.assignAutomatically.execute(session.id, 2, secretary);
    });
    await at('2025-11-28', async () => {
      for (const [key, itemId] of Object.entries(items)) {
        const reviewers = (await this.dataSource.query('SELECT a.username FROM review_assignment r JOIN account a ON a.id = r.reviewer_id WHERE r.item_id = $1', [itemId])) as { username: string }[];
        for (const { username } of reviewers) {
          const notMet: Record<string, string> = {};
          await this.submitChecklist.execute(session.id, itemId, { marks: await marks(itemId, notMet) }, await actor(username));
        }
      }
    });
    await at('2025-12-05', async () => {
      await this.openVoting.execute(session.id, Object.values(members).map((m) => m.accountId), secretary);
      await this.castVote.execute(session.id, items.school!, { choice: 'IN_FAVOUR' }, members.uyvien1);
      await this.castVote.execute(session.id, items.school!, { choice: 'IN_FAVOUR' }, members.uyvien2);
      await this.castVote.execute(session.id, items.school!, { choice: 'IN_FAVOUR' }, members.uyvien3);
      await this.castVote.execute(session.id, items.icu!, { choice: 'IN_FAVOUR' }, members.uyvien2);
      await this.castVote.execute(session.id, items.icu!, { choice: 'IN_FAVOUR' }, members.uyvien3);
      await this.castVote.execute(session.id, items.communePolice!, { choice: 'IN_FAVOUR' }, members.uyvien1);
      await this.castVote.execute(session.id, items.communePolice!, { choice: 'IN_FAVOUR' }, members.uyvien3);
      await this.closeVoting.execute(session.id, secretary);
      await this.confirmDecision.execute(session.id, items.school!, { outcome: 'RECOGNISE', note: 'Hội đồng nhất trí đề nghị công nhận' }, secretary);
      await this.confirmDecision.execute(session.id, items.icu!, { outcome: 'RECOGNISE' }, secretary);
      // Nominated in the former Công an tỉnh Bắc Giang: counted there by the units as they were, and under Công an
      // tỉnh by the units of today.
      await this.confirmDecision.execute(session.id, items.communePolice!, { outcome: 'RECOGNISE' }, secretary);
    });
    await at('2025-12-08', () => this.publishNotice.execute(session.id, { channels: 'Cổng thông tin điện tử tỉnh Bắc Ninh; trụ sở Sở Nội vụ' }, secretary));
    await at('2025-12-10', async () => {
      const { commentId } = await this.recordComment.execute(session.id, { itemId: items.icu!, author: 'Ông Nguyễn Văn Bình (người nhà bệnh nhân)', body: 'Đề nghị ghi nhận thêm tinh thần phục vụ người bệnh của tập thể khoa.' }, secretary);
      await this.answerComment.execute(session.id, commentId, { body: 'Cảm ơn ý kiến; Hội đồng ghi nhận, không làm thay đổi đề nghị công nhận.', upheld: false }, secretary);
    });
    await at('2025-12-15', () =>
      this.profiles.publish({ effectiveFrom: '2025-12-15', content: BAC_NINH_WITH_REGULATION, note: 'Quyết định 86/2025/QĐ-UBND (Quy định về công tác thi đua, khen thưởng tỉnh Bắc Ninh) có hiệu lực.' }, SYSTEM),
    );
    await at('2025-12-26', () => this.finalise.execute(session.id, secretary));
    phaseDone('2025 session');
    // The decision: drafted by the secretariat, then numbered from the province's document register (the register is
    // shared with every other document of the People's Committee that year, hence the number) and issued by the clerk.
    // Its header, place, bases and signature block all come from the profile in force that day.
    const clerk = await actor('vanthu');
    const draft = (await at('2025-12-26', () => this.drafts.create({ sessionId: session.id, authorityCode: 'UBND_TINH' }, secretary))) as unknown as { id: string };
    await at('2025-12-29', async () => {
      await this.drafts.number(draft.id, { number: 3187, issuedOn: '2025-12-29' }, clerk);
      const decision = await this.drafts.issue(draft.id, clerk);
      // Signed on the server with the demo's own key (generated at first start in the key folder, rehearsal instances
      // only) or the configured certificate: the decision and each certificate. A production instance without one leaves them unsigned.
      if (await this.signing.canSignOnServer()) await this.signing.signAllOnServer(decision.id, secretary);
    });
    phaseDone('decision drafted, issued and signed');
    await at('2026-01-15', () => send(school, { type: 'START_REPLICATION', note: 'Tổ chức hội nghị chia sẻ kinh nghiệm cho các trường THPT trong tỉnh' }));
    // The rural-development movement's period is over: its final review closes it.
    await at('2026-01-20', () =>
      this.movements.review(
        village.id,
        {
          expectedVersion: 2,
          kind: 'FINAL',
          heldOn: '2026-01-20',
          results: 'Tổng kết giai đoạn 2021–2025: 100% số xã đạt chuẩn nông thôn mới; 120 tập thể, 85 cá nhân tiêu biểu được biểu dương.',
          participatingUnits: 10,
          exemplarsFound: 205,
          collectivesCommended: 120,
          individualsCommended: 85,
          conferenceHeldOn: '2026-01-20',
          conferencePlace: 'Trung tâm Văn hóa - Hội nghị tỉnh',
        },
        SYSTEM,
      ),
    );

    // 2026: a teacher proposed for this year's review, in a session now preparing (reviewers assigned).
    const teacher = await nurture(
      { kind: 'INDIVIDUAL', name: 'Nguyễn Thị Hoa', unitId: units.school.id, field: 'EDUCATION_SCIENCE', year: 2026, discoveryChannel: 'INSPECTION', achievement: 'Giáo viên có sáng kiến ứng dụng công nghệ số trong giảng dạy được áp dụng toàn ngành.', movementIds: [teaching.id] },
      '2026-02-23',
      'Sang kien kinh nghiem Nguyen Thi Hoa',
    );
    await checkOn(teacher, '2026-06-10');
    await propose(teacher, '2026-10-19');
    const current = await this.openSession.execute({ title: 'Tổng kết năm 2026', year: 2026, chairName: 'Nguyễn Văn Mạnh, Phó Chủ tịch UBND tỉnh', ballot: 'SECRET' }, secretary);
    const item = await this.addCandidate.execute(current.id, teacher, secretary);
    await this.assignReviewers.execute(current.id, item.itemId, [members.uyvien1.accountId, members.uyvien2.accountId], secretary);
    phaseDone('2026');
  }
}
