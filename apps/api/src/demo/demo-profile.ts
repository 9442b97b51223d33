/**
 * The demo province's jurisdiction profile: Bắc Ninh after the merger of 01/7/2025 (the former Bắc Giang is part of
 * it), citing the law in force. Demo data, published through the same service an administrator uses; a real office
 * publishes its own.
 */
import type { JurisdictionProfileContent, ProfileAuthority } from '#domain';

const LAW_BASES = [
  'Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;',
  'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;',
  'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;',
  'Căn cứ Thông tư số 15/2025/TT-BNV của Bộ trưởng Bộ Nội vụ quy định biện pháp để tổ chức, hướng dẫn thi hành Luật Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP;',
];
/** The provincial regulation, in force from 15/12/2025. */
const PROVINCIAL_REGULATION = 'Căn cứ Quyết định số 86/2025/QĐ-UBND ngày 03 tháng 12 năm 2025 của Ủy ban nhân dân tỉnh Bắc Ninh ban hành Quy định về công tác thi đua, khen thưởng tỉnh Bắc Ninh;';

function authorities(bases: string[]): ProfileAuthority[] {
  return [
    {
      code: 'UBND_TINH',
      header: 'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
      authority: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
      symbol: 'QĐ-UBND',
      signatory: { title: 'KT. CHỦ TỊCH', signerTitle: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn Mạnh' },
      legalBases: bases,
      proposal: 'Theo đề nghị của Giám đốc Sở Nội vụ.',
      distribution: ['Như Điều 3;', 'Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương);', 'TT Tỉnh ủy, TT HĐND tỉnh;', 'Chủ tịch, các PCT UBND tỉnh;', 'Sở Nội vụ;', 'Lưu: VT, NC.'],
    },
    {
      code: 'HDTDKT_TINH',
      parentName: 'UBND TỈNH BẮC NINH',
      header: 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG',
      authority: 'CHỦ TỊCH HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH BẮC NINH',
      symbol: 'QĐ-HĐTĐKT',
      signatory: { title: 'KT. CHỦ TỊCH', signerTitle: 'PHÓ CHỦ TỊCH THƯỜNG TRỰC', name: 'Nguyễn Thị Lan' },
      legalBases: bases,
      proposal: 'Theo đề nghị của Trưởng phòng Thi đua, khen thưởng, Sở Nội vụ.',
      distribution: ['Như Điều 3;', 'Thành viên Hội đồng;', 'Lưu: VT, TĐKT.'],
    },
  ];
}

const common = {
  jurisdictionName: 'tỉnh Bắc Ninh',
  place: 'Bắc Ninh',
  council: { parentName: 'UBND TỈNH BẮC NINH', header: 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG', minutesSymbol: 'BB-HĐTĐKT', name: 'Hội đồng Thi đua - Khen thưởng tỉnh' },
  holidays: [],
};

/** From the merger (01/7/2025) until the provincial regulation took effect. */
export const BAC_NINH_AFTER_MERGER: JurisdictionProfileContent = { ...common, authorities: authorities(LAW_BASES), deadlines: {} };

/** From 15/12/2025: the provincial regulation 86/2025/QĐ-UBND, its yearly deadlines (Điều 6.2, Điều 10.2). */
export const BAC_NINH_WITH_REGULATION: JurisdictionProfileContent = {
  ...common,
  authorities: authorities([...LAW_BASES, PROVINCIAL_REGULATION]),
  // Điều 10.2: agencies confirm the cases proposed before 10/12; a request made later is answered within 5 working days (the office's practice).
  deadlines: { dossiers: '12-10', clearances: '12-10', clearanceWorkingDays: 5 },
  clearanceAgencies: [
    { code: 'CONG_AN_TINH', name: 'Công an tỉnh', subject: 'Chấp hành pháp luật về an ninh, trật tự, an toàn giao thông, phòng cháy, chữa cháy' },
    { code: 'SO_NOI_VU', name: 'Sở Nội vụ', subject: 'Vi phạm pháp luật, kỷ luật của cán bộ, công chức, viên chức, người lao động' },
    { code: 'SO_NONG_NGHIEP_MOI_TRUONG', name: 'Sở Nông nghiệp và Môi trường', subject: 'Chấp hành pháp luật về bảo vệ môi trường' },
    { code: 'THUE_TINH', name: 'Thuế tỉnh', subject: 'Thực hiện nghĩa vụ nộp ngân sách nhà nước' },
    { code: 'BHXH_TINH', name: 'Bảo hiểm xã hội tỉnh', subject: 'Thực hiện chính sách bảo hiểm xã hội cho người lao động' },
    { code: 'THANH_TRA_TINH', name: 'Thanh tra tỉnh', subject: 'Đơn thư khiếu nại, tố cáo tại thời điểm đề nghị khen thưởng' },
    { code: 'SO_Y_TE', name: 'Sở Y tế', subject: 'Vi phạm về an toàn thực phẩm' },
  ],
};
