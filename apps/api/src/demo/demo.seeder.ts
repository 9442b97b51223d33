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
import { CandidateTransitions } from '../transitions/candidate-transitions.service.js';
import { Unit } from '../units/unit.entity.js';
import { UnitsService } from '../units/units.service.js';
import type { CreateCandidateDto } from '../candidates/dto/create-candidate.dto.js';

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
    private readonly units: UnitsService,
    private readonly candidates: CandidatesService,
    private readonly transitions: CandidateTransitions,
    private readonly evidence: EvidenceService,
    private readonly accounts: AccountsService,
  ) {}

  async seedIfWanted(embedded: boolean): Promise<boolean> {
    const wanted = this.config.SEED_DEMO === 'true' || (this.config.SEED_DEMO === 'auto' && embedded);
    if (!wanted) return false;
    if ((await this.dataSource.getRepository(Unit).count()) > 0) return false;
    await this.seed();
    this.logger.log('Đã tạo dữ liệu mẫu / Demo province seeded');
    return true;
  }

  private async seed(): Promise<void> {
    const u = (name: string, level: Unit['level'], sector: Unit['sector'], parentId?: string, code?: string) =>
      this.units.create({ name, level, sector, parentId, code }, SYSTEM);
    const province = await u('Tỉnh Bắc Giang', 'PROVINCE', 'STATE', undefined, 'BG');
    const education = await u('Sở Giáo dục và Đào tạo', 'DEPARTMENT', 'STATE', province.id, 'SGDDT');
    const school = await u('Trường THPT Ngô Sĩ Liên', 'GRASSROOTS', 'STATE', education.id);
    const health = await u('Sở Y tế', 'DEPARTMENT', 'STATE', province.id, 'SYT');
    const hospital = await u('Bệnh viện Đa khoa tỉnh', 'GRASSROOTS', 'STATE', health.id);
    const district = await u('UBND huyện Lạng Giang', 'DISTRICT', 'LOCALITY', province.id, 'LG');
    const commune = await u('UBND xã Tân Thịnh', 'GRASSROOTS', 'LOCALITY', district.id);
    const police = await u('Công an tỉnh', 'DEPARTMENT', 'ARMED_FORCES', province.id, 'CAT');
    const enterprise = await u('Công ty Cổ phần Phân đạm và Hóa chất Hà Bắc', 'ENTERPRISE', 'ENTERPRISE', province.id);

    const account = (username: string, displayName: string, role: Role, unitId?: string) =>
      this.accounts.create({ username, displayName, role, unitId, password: DEMO_PASSWORD }, SYSTEM);
    await account('admin', 'Quản trị hệ thống', 'ADMIN', province.id);
    await account('truongdonvi', 'Trần Văn Hùng (Giám đốc Sở Giáo dục và Đào tạo)', 'UNIT_HEAD', education.id);
    await account('truongdonvi2', 'Ngô Thị Lan (Chủ tịch UBND huyện Lạng Giang)', 'UNIT_HEAD', district.id);
    await account('thuongtruc', 'Phạm Minh Đức (Ban Thi đua - Khen thưởng)', 'COUNCIL_SECRETARY', province.id);
    await account('uyvien1', 'Đỗ Thu Hà (Sở Y tế)', 'COUNCIL_MEMBER', health.id);
    await account('uyvien2', 'Vũ Quang Huy (Công an tỉnh)', 'COUNCIL_MEMBER', police.id);
    await account('uyvien3', 'Hoàng Văn Tú (UBND huyện Lạng Giang)', 'COUNCIL_MEMBER', district.id);
    await account('kiemtra', 'Lý Thị Nga (Kiểm tra, giám sát)', 'AUDITOR', province.id);

    const nurtured = [
      { type: 'START_NURTURING', ...plan('Hoàn thiện mô hình, tổng kết kinh nghiệm để nhân rộng', 'Ban Thi đua - Khen thưởng') },
      checkIn('2025-03-20', 'Mô hình hiệu quả, được người dân đồng tình', 'Chưa có tài liệu hướng dẫn để đơn vị khác học tập'),
    ] as CandidateEvent[];
    const withEvidence = async (dto: CreateCandidateDto, events: CandidateEvent[], evidenceTitle?: string) => {
      const created = await this.candidates.discover(dto, SYSTEM);
      if (evidenceTitle) {
        const buffer = demoPdf(evidenceTitle);
        await this.evidence.attach(created.id, { originalname: `${evidenceTitle}.pdf`, mimetype: 'application/pdf', size: buffer.length, buffer }, SYSTEM);
      }
      for (const event of events) await this.transitions.send({ candidateId: created.id, event, actor: SYSTEM });
    };

    await withEvidence(
      { kind: 'COLLECTIVE', name: 'Trường THPT Ngô Sĩ Liên', unitId: school.id, field: 'EDUCATION_SCIENCE', year: 2025, discoveryChannel: 'REVIEW_CONFERENCE', achievement: 'Dẫn đầu phong trào "Đổi mới, sáng tạo trong dạy và học"; 35 học sinh giỏi quốc gia trong 3 năm.' },
      [...nurtured, { type: 'PROPOSE_FOR_REVIEW' }, { type: 'RECOGNISE', note: 'Hội đồng nhất trí công nhận' }, { type: 'START_REPLICATION', note: 'Tổ chức hội nghị chia sẻ kinh nghiệm cho các trường THPT trong tỉnh' }],
      'Bao cao thanh tich truong THPT Ngo Si Lien',
    );
    await withEvidence(
      { kind: 'INDIVIDUAL', name: 'Nguyễn Thị Hoa', unitId: school.id, field: 'EDUCATION_SCIENCE', year: 2025, discoveryChannel: 'INSPECTION', achievement: 'Giáo viên có sáng kiến ứng dụng công nghệ số trong giảng dạy được áp dụng toàn ngành.' },
      [...nurtured, { type: 'PROPOSE_FOR_REVIEW', note: 'Đề nghị xét trong đợt tổng kết năm' }],
      'Sang kien kinh nghiem Nguyen Thi Hoa',
    );
    await withEvidence(
      { kind: 'HOUSEHOLD', name: 'Hộ ông Trần Văn Minh', unitId: commune.id, field: 'ECONOMY', year: 2025, discoveryChannel: 'EXCHANGE', achievement: 'Mô hình trồng vải thiều theo tiêu chuẩn VietGAP, giúp 12 hộ trong thôn thoát nghèo.' },
      nurtured,
      'Xac nhan mo hinh vai thieu VietGAP',
    );
    await withEvidence(
      { kind: 'COLLECTIVE', name: 'Khoa Hồi sức tích cực', unitId: hospital.id, field: 'HEALTH', year: 2025, discoveryChannel: 'MEDIA', achievement: 'Làm chủ kỹ thuật ECMO, cứu sống nhiều ca bệnh nặng.' },
      [...nurtured, { type: 'PROPOSE_FOR_REVIEW' }, { type: 'RECOGNISE' }],
      'Bao cao ky thuat ECMO',
    );
    await withEvidence(
      { kind: 'INDIVIDUAL', name: 'Lê Văn Nam', unitId: enterprise.id, field: 'ECONOMY', year: 2025, discoveryChannel: 'INSPECTION', achievement: 'Công nhân có 5 sáng kiến cải tiến kỹ thuật làm lợi cho công ty hơn 2 tỷ đồng.' },
      [],
    );
    await withEvidence(
      { kind: 'COLLECTIVE', name: 'Công an xã Tân Thịnh', unitId: police.id, field: 'DEFENSE_SECURITY', year: 2025, discoveryChannel: 'REVIEW_CONFERENCE', achievement: 'Xây dựng mô hình "Camera an ninh" phủ kín các thôn.' },
      [...nurtured, { type: 'PROPOSE_FOR_REVIEW' }, { type: 'RETURN_TO_NURTURING', shortcomings: ['Chưa có số liệu đánh giá hiệu quả sau 1 năm', 'Cần ý kiến của Nhân dân địa phương'] }],
      'Bao cao mo hinh Camera an ninh',
    );
  }
}
