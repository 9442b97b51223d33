/**
 * The demo's two former provinces as they were before 01/7/2025, in the unit import's template (`docs/unit-import.md`):
 * a small but real subset. The names of the provinces, departments, districts and communes are real units of the
 * time; the codes are the demo's own (ASCII, `BG-…` and `BN-…`), not the national administrative codes. Imported in
 * one go through the unit import (one transaction, one audited record), then reorganised by the 2025 operations
 * (demo.seeder.ts).
 */
export const FORMER_PROVINCES_FILE = 'bac-giang-bac-ninh-truoc-01-7-2025.csv';

export const FORMER_PROVINCES_CSV = [
  'Mã đơn vị,Tên đơn vị,Cấp,Khối,Mã đơn vị cấp trên,Ghi chú',
  'BG,Tỉnh Bắc Giang,PROVINCE,STATE,,Đến 30/6/2025',
  'BG-SGDDT,Sở Giáo dục và Đào tạo tỉnh Bắc Giang,DEPARTMENT,STATE,BG,',
  'BG-THPT-NSL,Trường THPT Ngô Sĩ Liên,GRASSROOTS,STATE,BG-SGDDT,',
  'BG-SYT,Sở Y tế tỉnh Bắc Giang,DEPARTMENT,STATE,BG,',
  'BG-BVDK,Bệnh viện Đa khoa tỉnh Bắc Giang,GRASSROOTS,STATE,BG-SYT,',
  'BG-SNV,Sở Nội vụ tỉnh Bắc Giang,DEPARTMENT,STATE,BG,',
  'BG-SNV-VP,Văn phòng Sở Nội vụ tỉnh Bắc Giang,GRASSROOTS,STATE,BG-SNV,',
  'BG-SNV-LT,Trung tâm Lưu trữ lịch sử tỉnh Bắc Giang,GRASSROOTS,STATE,BG-SNV,',
  'BG-CA,Công an tỉnh Bắc Giang,DEPARTMENT,ARMED_FORCES,BG,',
  'BG-DN-DAM,Công ty Cổ phần Phân đạm và Hóa chất Hà Bắc,ENTERPRISE,ENTERPRISE,BG,',
  'BG-LG,UBND huyện Lạng Giang,DISTRICT,LOCALITY,BG,',
  'BG-LG-TT,UBND xã Tân Thịnh,GRASSROOTS,LOCALITY,BG-LG,',
  'BG-LG-QT,UBND xã Quang Thịnh,GRASSROOTS,LOCALITY,BG-LG,',
  'BG-LG-HS,UBND xã Hương Sơn,GRASSROOTS,LOCALITY,BG-LG,',
  'BG-SD,UBND huyện Sơn Động,DISTRICT,LOCALITY,BG,',
  'BG-SD-TD,UBND xã Tuấn Đạo,GRASSROOTS,LOCALITY,BG-SD,',
  'BN,Tỉnh Bắc Ninh,PROVINCE,STATE,,Từ 01/7/2025: tỉnh Bắc Ninh sau hợp nhất',
  'BN-SGDDT,Sở Giáo dục và Đào tạo tỉnh Bắc Ninh,DEPARTMENT,STATE,BN,',
  'BN-SYT,Sở Y tế tỉnh Bắc Ninh,DEPARTMENT,STATE,BN,',
  'BN-SNV,Sở Nội vụ tỉnh Bắc Ninh,DEPARTMENT,STATE,BN,',
  'BN-CA,Công an tỉnh Bắc Ninh,DEPARTMENT,ARMED_FORCES,BN,',
  'BN-TD,UBND huyện Tiên Du,DISTRICT,LOCALITY,BN,',
  'BN-TD-PT,UBND xã Phật Tích,GRASSROOTS,LOCALITY,BN-TD,',
  'BN-TD-VD,UBND xã Việt Đoàn,GRASSROOTS,LOCALITY,BN-TD,',
].join('\n');

/**
 * The deciding documents of 01/7/2025. Numbers and dates as published; where a document for a step could not be
 * checked, the step cites the one it follows from and says so in its note.
 */
export const DOCUMENTS = {
  /** The National Assembly's resolution on the arrangement of provinces (Bắc Giang and Bắc Ninh into Bắc Ninh). */
  provinces: { documentNumber: '202/2025/QH15', documentDate: '2025-06-12', documentAuthority: 'Quốc hội' },
  /** The Standing Committee's resolution on the communes and wards of Bắc Ninh (99 units from 01/7/2025). */
  communes: { documentNumber: '1658/NQ-UBTVQH15', documentDate: '2025-06-16', documentAuthority: 'Ủy ban Thường vụ Quốc hội' },
  /** The Law on the Organisation of Local Government 2025: two tiers (province, commune), no district level from 01/7/2025. */
  districts: { documentNumber: '72/2025/QH15', documentDate: '2025-06-16', documentAuthority: 'Quốc hội' },
} as const;
