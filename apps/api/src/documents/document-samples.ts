/**
 * Realistic sample data for the three documents: the tests render them, and `scripts/sample-documents.sh` writes
 * them to docs/samples/ for people to look at. Names of people and organisations are illustrative.
 */
import { profileAuthority, signatureLines } from '#domain';
import { BAC_NINH_WITH_REGULATION } from '../demo/demo-profile.js';
import type { CertificateData, CouncilMinutesData, MinutesCandidate, MinutesCriterionResult, RecognitionDecisionData } from './document-data.js';

// The issuer, place, bases and signature come from the demo's jurisdiction profile, as a real document's do from
// the profile in force: no province is written here.
const PROFILE = BAC_NINH_WITH_REGULATION;
const COUNCIL = PROFILE.council;
const PROVINCE_COUNCIL = { ...(COUNCIL.parentName ? { parentName: COUNCIL.parentName } : {}), name: COUNCIL.header, place: PROFILE.place };
const UBND = profileAuthority(PROFILE, 'UBND_TINH')!;
const PROVINCE = { name: UBND.header, place: PROFILE.place };
const SIGNER_TITLE = signatureLines(UBND.signatory).join('\n');
const SIGNER_NAME = UBND.signatory.name ?? '';

const COLLECTIVE_CRITERIA = [
  ['C1_COMPLIANCE', 'Gương mẫu, chấp hành tốt đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước'],
  ['C2_UNITY_INTEGRITY', 'Nội bộ đoàn kết; tích cực thực hành tiết kiệm, chống lãng phí, phòng, chống tham nhũng, tiêu cực và các tệ nạn xã hội'],
  ['C3_INNOVATIVE_LEADERSHIP', 'Có nhiều đổi mới, sáng tạo trong lãnh đạo, chỉ đạo triển khai thực hiện có hiệu quả công tác, hoàn thành xuất sắc các nhiệm vụ được giao'],
  [
    'C4_LEADING_MODEL',
    'Có mô hình mới, cách làm hay, nhiều sáng kiến, giải pháp sáng tạo, mang lại hiệu quả thiết thực và là nhân tố nổi trội, tiêu biểu, dẫn đầu trong các phong trào thi đua, cuộc vận động do Trung ương, tỉnh, ngành, cơ quan, đơn vị, địa phương tổ chức, phát động',
  ],
  [
    'C5_SOCIAL_CONTRIBUTION',
    'Tích cực tham gia các hoạt động nhân đạo, từ thiện, các hoạt động xã hội khác nhằm thực hiện tốt công tác an sinh xã hội, góp phần tích cực vào sự nghiệp xây dựng Chủ nghĩa xã hội và bảo vệ Tổ quốc',
  ],
] as const;

const INDIVIDUAL_CRITERIA = [
  ['I1_COMPLIANCE', 'Gương mẫu, chấp hành tốt đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước'],
  [
    'I2_EXEMPLARY_CREATIVE',
    'Gương mẫu, sáng tạo trong công tác, cuộc sống; có phẩm chất đạo đức trong sáng, dám nghĩ, dám làm, dám chịu trách nhiệm; có cách làm hay, sáng kiến, giải pháp sáng tạo, mang lại hiệu quả thiết thực',
  ],
  [
    'I3_SOLIDARITY_SOCIAL',
    'Có tinh thần tương thân tương ái, giúp đỡ mọi người cùng tiến bộ; tích cực tham gia các hoạt động nhân đạo, từ thiện, các hoạt động xã hội khác',
  ],
] as const;

function criteria(kind: 'COLLECTIVE' | 'INDIVIDUAL', reviewers: number, notMetAt: string[] = []): MinutesCriterionResult[] {
  const set = kind === 'COLLECTIVE' ? COLLECTIVE_CRITERIA : INDIVIDUAL_CRITERIA;
  return set.map(([code, label]) => {
    const notMet = notMetAt.includes(code) ? Math.ceil(reviewers / 2) : 0;
    return { code, label, met: reviewers - notMet, notMet };
  });
}

const BASE_CANDIDATES: MinutesCandidate[] = [
  {
    name: 'Hợp tác xã Nông nghiệp Tân Yên',
    kindLabel: 'Tập thể',
    unitName: 'UBND xã Tân Yên',
    fieldLabel: 'Kinh tế',
    eligibleMembers: 8,
    participants: 8,
    inFavour: 7,
    against: 1,
    abstain: 0,
    quorumMet: true,
    thresholdMet: true,
    criteria: criteria('COLLECTIVE', 3),
    outcome: 'RECOGNISE',
    outcomeLabel: 'Đề nghị công nhận điển hình tiên tiến',
    notes: [],
  },
  {
    name: 'Nguyễn Thị Hường',
    kindLabel: 'Cá nhân',
    unitName: 'Trường THCS Ngô Sĩ Liên',
    fieldLabel: 'Giáo dục, Khoa học công nghệ',
    eligibleMembers: 9,
    participants: 9,
    inFavour: 9,
    against: 0,
    abstain: 0,
    quorumMet: true,
    thresholdMet: true,
    criteria: criteria('INDIVIDUAL', 2),
    outcome: 'RECOGNISE',
    outcomeLabel: 'Đề nghị công nhận điển hình tiên tiến',
    notes: [],
  },
  {
    name: 'Hộ ông Trần Văn Minh',
    kindLabel: 'Hộ gia đình',
    unitName: 'UBND xã Tân Thịnh',
    fieldLabel: 'Kinh tế',
    eligibleMembers: 8,
    participants: 7,
    inFavour: 5,
    against: 1,
    abstain: 1,
    quorumMet: true,
    thresholdMet: false,
    criteria: criteria('INDIVIDUAL', 2, ['I3_SOLIDARITY_SOCIAL']),
    outcome: 'RETURN_TO_NURTURING',
    outcomeLabel: 'Trả lại để tiếp tục bồi dưỡng',
    notes: [
      'Mô hình trồng vải thiều theo tiêu chuẩn VietGAP mới được nhân rộng cho 3 hộ, chưa rõ sức lan tỏa trong thôn.',
      'Chưa có minh chứng về việc tham gia các hoạt động nhân đạo, từ thiện của hộ gia đình.',
    ],
  },
  {
    name: 'Khoa Hồi sức tích cực, Bệnh viện Đa khoa tỉnh',
    kindLabel: 'Tập thể',
    unitName: 'Sở Y tế',
    fieldLabel: 'Y tế',
    eligibleMembers: 8,
    participants: 8,
    inFavour: 6,
    against: 2,
    abstain: 0,
    quorumMet: true,
    thresholdMet: true,
    criteria: criteria('COLLECTIVE', 3),
    outcome: 'RECOGNISE',
    outcomeLabel: 'Đề nghị công nhận điển hình tiên tiến',
    notes: ['Đề nghị tuyên truyền kỹ thuật ECMO trên Báo và Đài Phát thanh - Truyền hình tỉnh.'],
  },
  {
    name: 'Lê Văn Nam',
    kindLabel: 'Cá nhân',
    unitName: 'Công ty TNHH Điện tử Quang Châu',
    fieldLabel: 'Kinh tế',
    eligibleMembers: 9,
    participants: 8,
    inFavour: 2,
    against: 6,
    abstain: 0,
    quorumMet: true,
    thresholdMet: false,
    criteria: criteria('INDIVIDUAL', 2, ['I2_EXEMPLARY_CREATIVE']),
    outcome: 'REJECT',
    outcomeLabel: 'Không công nhận',
    notes: ['Sáng kiến cải tiến kỹ thuật đã được công nhận là điển hình tiên tiến năm 2023; không công nhận hai lần cho cùng một thành tích.'],
  },
  {
    name: 'Công an xã Đồng Kỳ',
    kindLabel: 'Tập thể',
    unitName: 'Công an tỉnh',
    fieldLabel: 'Quốc phòng an ninh',
    eligibleMembers: 8,
    participants: 5,
    inFavour: 5,
    against: 0,
    abstain: 0,
    quorumMet: false,
    thresholdMet: false,
    criteria: criteria('COLLECTIVE', 2),
    outcome: 'NO_DECISION',
    outcomeLabel: 'Chưa quyết định',
    notes: ['Không đủ số thành viên tham gia biểu quyết: 5/8, cần ít nhất 2/3.'],
  },
];

const FIRST_NAMES = ['Nguyễn Văn Hùng', 'Trần Thị Thủy', 'Lê Đức Thắng', 'Phạm Thị Ngọc Ánh', 'Hoàng Văn Lợi', 'Đỗ Thị Hằng', 'Vũ Quang Huy', 'Ngô Thị Phượng', 'Đặng Văn Tuấn', 'Bùi Thị Yến'];
const UNITS = ['UBND xã Lạng Giang', 'Sở Giáo dục và Đào tạo', 'UBND xã Yên Thế', 'Sở Y tế', 'UBND phường Bắc Giang', 'Công an tỉnh', 'UBND xã Lục Ngạn'];

/** The session's minutes; with `candidateCount` beyond the six realistic ones, more are generated after them. */
export function sampleCouncilMinutes(candidateCount = BASE_CANDIDATES.length): CouncilMinutesData {
  const candidates: MinutesCandidate[] = [];
  for (let i = 0; i < candidateCount; i++) {
    const base = BASE_CANDIDATES[i % BASE_CANDIDATES.length];
    candidates.push(
      i < BASE_CANDIDATES.length
        ? base
        : {
            ...base,
            name: base.kindLabel === 'Tập thể' ? `${base.name} (hồ sơ ${i + 1})` : `${FIRST_NAMES[i % FIRST_NAMES.length]} (hồ sơ ${i + 1})`,
            unitName: UNITS[i % UNITS.length],
          },
    );
  }
  return {
    issuer: PROVINCE_COUNCIL,
    number: '05/BB-HĐTĐKT',
    sessionTitle: 'Xét công nhận điển hình tiên tiến, tổng kết năm 2025',
    meetingDate: '2025-12-05',
    venue: `Phòng họp số 2, trụ sở UBND ${PROFILE.jurisdictionName}`,
    chairName: 'Nguyễn Văn Phương',
    secretaryName: 'Đặng Thị Thu Hà',
    rules: { quorum: '2/3', threshold: '70%', ballot: 'Bỏ phiếu kín', criteriaVersion: 'Bộ tiêu chí điển hình tiên tiến, phiên bản 1 (áp dụng từ 01/01/2025)', noticeWorkingDays: 10 },
    members: [
      { displayName: 'Nguyễn Văn Phương', unitName: `UBND ${PROFILE.jurisdictionName}`, attendance: 'PRESENT' },
      { displayName: 'Đặng Thị Thu Hà', unitName: 'Ban Thi đua - Khen thưởng, Sở Nội vụ', attendance: 'PRESENT' },
      { displayName: 'Trần Quốc Khánh', unitName: 'Sở Nội vụ', attendance: 'PRESENT' },
      { displayName: 'Lương Thị Diệu Linh', unitName: 'Sở Giáo dục và Đào tạo', attendance: 'PRESENT' },
      { displayName: 'Vi Văn Sỹ', unitName: 'Sở Y tế', attendance: 'PRESENT' },
      { displayName: 'Hà Minh Đức', unitName: 'Công an tỉnh', attendance: 'PRESENT' },
      { displayName: 'Thân Thị Ngọc Yến', unitName: 'Liên đoàn Lao động tỉnh', attendance: 'PRESENT' },
      { displayName: 'Giáp Văn Lữ', unitName: 'Hội Nông dân tỉnh', attendance: 'WRITTEN_OPINION' },
      { displayName: 'Chu Thị Ưng', unitName: 'Tỉnh đoàn', attendance: 'PRESENT' },
      { displayName: 'Nông Đức Thịnh', unitName: 'Bộ Chỉ huy Quân sự tỉnh', attendance: 'ABSENT' },
    ],
    candidates,
    generatedAt: '2025-12-05T09:30:00.000Z',
    auditReference: 'review-session:7f3c2a9e-41d2-4b8f-9e0a-6c5d4b3a2f10 #42 · 9c1e5b7a3d2f4e6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a',
  };
}

export function sampleRecognitionDecision(): RecognitionDecisionData {
  return {
    issuer: PROVINCE,
    number: '125/QĐ-UBND',
    date: '2025-12-18',
    subject: 'Về việc công nhận điển hình tiên tiến năm 2025',
    authority: UBND.authority,
    bases: [...UBND.legalBases, `Căn cứ Biên bản họp ${COUNCIL.name} số 05/${COUNCIL.minutesSymbol} ngày 05 tháng 12 năm 2025;`, UBND.proposal],
    signerTitle: SIGNER_TITLE,
    signerName: SIGNER_NAME,
    recipients: [
      {
        name: 'Hợp tác xã Nông nghiệp Tân Yên',
        kindLabel: 'Tập thể',
        unitName: 'UBND xã Tân Yên',
        fieldLabel: 'Kinh tế',
        achievement: 'Xây dựng chuỗi liên kết sản xuất lúa hữu cơ 120 ha, thu nhập của xã viên tăng 35% so với năm 2023.',
      },
      {
        name: 'Khoa Hồi sức tích cực, Bệnh viện Đa khoa tỉnh',
        kindLabel: 'Tập thể',
        unitName: 'Sở Y tế',
        fieldLabel: 'Y tế',
        achievement: 'Làm chủ kỹ thuật ECMO, cứu sống 46 ca bệnh nặng; đào tạo kỹ thuật cho 4 bệnh viện tuyến huyện.',
      },
      {
        name: 'Nguyễn Thị Hường',
        kindLabel: 'Cá nhân',
        unitName: 'Trường THCS Ngô Sĩ Liên',
        fieldLabel: 'Giáo dục, Khoa học công nghệ',
        achievement: 'Giáo viên có sáng kiến ứng dụng công nghệ số trong dạy học môn Ngữ văn, được áp dụng tại 27 trường trong tỉnh.',
      },
    ],
    distribution: UBND.distribution,
    generatedAt: '2025-12-18T02:15:00.000Z',
    auditReference: 'decision:125-QĐ-UBND-2025 #3 · 4e8a0c2b6d1f3a5c7e9b0d2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c',
  };
}

export function sampleCertificate(): CertificateData {
  return {
    issuer: PROVINCE,
    recipientName: 'Nguyễn Thị Hường',
    kindLabel: 'Cá nhân',
    unitName: 'Giáo viên Trường THCS Ngô Sĩ Liên, phường Bắc Giang',
    achievement: 'Có sáng kiến ứng dụng công nghệ số trong dạy học môn Ngữ văn, được áp dụng tại 27 trường trong tỉnh, góp phần vào phong trào "Đổi mới, sáng tạo trong dạy và học".',
    decisionNumber: '125/QĐ-UBND',
    decisionDate: '2025-12-18',
    signerTitle: SIGNER_TITLE,
    signerName: SIGNER_NAME,
    serial: 'ĐHTT-2025-000123',
    generatedAt: '2025-12-18T02:20:00.000Z',
  };
}
