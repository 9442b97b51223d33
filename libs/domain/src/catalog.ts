// The programme's vocabulary, taken from the Bắc Giang Department of Home Affairs' 2014–2023 report on the
// advanced-exemplar programme (first kept as a JSON catalogue outside this repository; this file is now the source).
// Codes are stable identifiers.
// Vietnamese (vi) is the primary label on every screen, English (en) the translation.
import type { Labelled } from "./labelled.js";

export const STAGES = [
  { code: "DISCOVER", vi: "Phát hiện", en: "Discover" },
  { code: "NURTURE", vi: "Bồi dưỡng", en: "Nurture" },
  { code: "SUMMARIZE", vi: "Tổng kết", en: "Summarize (review and recognise)" },
  { code: "REPLICATE", vi: "Nhân rộng", en: "Replicate (publicise and spread)" },
] as const satisfies readonly Labelled[];
export type Stage = (typeof STAGES)[number]["code"];
export const StageCodes = STAGES.map((x) => x.code) as readonly Stage[];

export const SUBJECT_KINDS = [
  { code: "COLLECTIVE", vi: "Tập thể", en: "Collective", criteriaSet: "COLLECTIVE", statisticsColumn: "COLLECTIVE" },
  { code: "INDIVIDUAL", vi: "Cá nhân", en: "Individual", criteriaSet: "INDIVIDUAL_HOUSEHOLD", statisticsColumn: "INDIVIDUAL" },
  { code: "HOUSEHOLD", vi: "Hộ gia đình", en: "Household", criteriaSet: "INDIVIDUAL_HOUSEHOLD", statisticsColumn: "INDIVIDUAL" },
] as const satisfies readonly (Labelled & { criteriaSet: string; statisticsColumn: string })[];
export type SubjectKind = (typeof SUBJECT_KINDS)[number]["code"];
export const SubjectKindCodes = SUBJECT_KINDS.map((x) => x.code) as readonly SubjectKind[];

export const FIELDS = [
  { code: "ECONOMY", vi: "Kinh tế", en: "Economy" },
  { code: "POLITICS", vi: "Chính trị (theo gương Bác, xây dựng Đảng, dân chủ cơ sở, các hội, đoàn thể)", en: "Politics (following Uncle Ho's example, Party building, grassroots democracy, associations and unions)" },
  { code: "DEFENSE_SECURITY", vi: "Quốc phòng an ninh", en: "Defence and security" },
  { code: "CULTURE_SPORTS_TOURISM", vi: "Văn hóa, Thể thao, Du lịch", en: "Culture, sports and tourism" },
  { code: "EDUCATION_SCIENCE", vi: "Giáo dục, Khoa học công nghệ", en: "Education, science and technology" },
  { code: "HEALTH", vi: "Y tế", en: "Health" },
  { code: "OTHER", vi: "Lĩnh vực khác", en: "Other fields" },
] as const satisfies readonly Labelled[];
export type Field = (typeof FIELDS)[number]["code"];
export const FieldCodes = FIELDS.map((x) => x.code) as readonly Field[];

export const SECTORS = [
  { code: "PARTY", vi: "Các cơ quan Đảng", en: "Party agencies" },
  { code: "STATE", vi: "Các cơ quan nhà nước", en: "State agencies" },
  { code: "FRONT", vi: "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội", en: "Fatherland Front and socio-political organisations" },
  { code: "ARMED_FORCES", vi: "Lực lượng vũ trang nhân dân", en: "People's armed forces" },
  { code: "ENTERPRISE", vi: "Khối các doanh nghiệp", en: "Enterprises" },
  { code: "LOCALITY", vi: "Khối địa phương", en: "Localities" },
] as const satisfies readonly Labelled[];
export type Sector = (typeof SECTORS)[number]["code"];
export const SectorCodes = SECTORS.map((x) => x.code) as readonly Sector[];

export const DISCOVERY_CHANNELS = [
  { code: "INSPECTION", vi: "Thông qua kiểm tra, giám sát việc tổ chức thực hiện các phong trào thi đua yêu nước", en: "Inspection and supervision of emulation movements" },
  { code: "REVIEW_CONFERENCE", vi: "Thông qua tổ chức các hội nghị sơ kết, tổng kết phong trào thi đua, công tác khen thưởng", en: "Interim and final review conferences of movements and commendation work" },
  { code: "EXCHANGE", vi: "Thông qua tổ chức các hội nghị tọa đàm, giao lưu, trao đổi, thăm quan học tập kinh nghiệm mô hình, điển hình", en: "Seminars, exchanges and study visits to models" },
  { code: "MEDIA", vi: "Thông qua các cổng thông tin điện tử, các cơ quan thông tin truyền thông của tỉnh và Trung ương, các mạng xã hội (zalo, facebook)", en: "Web portals, provincial and central media, social networks (Zalo, Facebook)" },
] as const satisfies readonly Labelled[];
export type DiscoveryChannel = (typeof DISCOVERY_CHANNELS)[number]["code"];
export const DiscoveryChannelCodes = DISCOVERY_CHANNELS.map((x) => x.code) as readonly DiscoveryChannel[];

export const HONOURING_FORMS = [
  { code: "PROVINCIAL_NEWSPAPER", vi: "Báo Bắc Giang", en: "Provincial newspaper" },
  { code: "PROVINCIAL_RADIO_TV", vi: "Đài Phát thanh - Truyền hình tỉnh", en: "Provincial radio and television" },
  { code: "CENTRAL_NEWSPAPER", vi: "Báo Trung ương", en: "Central newspapers" },
  { code: "PROVINCIAL_PORTAL", vi: "Cổng thông tin điện tử của tỉnh", en: "Provincial web portal" },
  { code: "AGENCY_WEBSITE", vi: "Trang thông tin điện tử của các sở, ban, ngành, địa phương", en: "Websites of departments, agencies and localities" },
  { code: "SOCIAL_MEDIA", vi: "Mạng xã hội", en: "Social networks" },
  { code: "AT_MODEL_SITE", vi: "Tại mô hình", en: "At the model's own site" },
  { code: "AT_CONFERENCE", vi: "Tại Hội nghị sơ, tổng kết phong trào thi đua", en: "At interim/final review conferences" },
] as const satisfies readonly Labelled[];
export type HonouringForm = (typeof HONOURING_FORMS)[number]["code"];
export const HonouringFormCodes = HONOURING_FORMS.map((x) => x.code) as readonly HonouringForm[];

export const ROLES = [
  { code: "UNIT_HEAD", vi: "Thủ trưởng đơn vị", en: "Unit head" },
  { code: "COUNCIL_MEMBER", vi: "Thành viên Hội đồng Thi đua - Khen thưởng", en: "Emulation council member" },
  { code: "COUNCIL_SECRETARY", vi: "Thường trực Hội đồng (Ban Thi đua - Khen thưởng)", en: "Council secretariat" },
  { code: "AUDITOR", vi: "Kiểm tra, giám sát", en: "Auditor" },
  { code: "CLERK", vi: "Văn thư (đăng ký, phát hành văn bản)", en: "Clerk (document register)" },
  { code: "ADMIN", vi: "Quản trị hệ thống", en: "Administrator" },
] as const satisfies readonly Labelled[];
export type Role = (typeof ROLES)[number]["code"];
export const RoleCodes = ROLES.map((x) => x.code) as readonly Role[];


/**
 * Who issues recognition decisions. Their names in the header, the deciding authority, the symbol after the number,
 * the signature block and the legal bases are the jurisdiction profile's (jurisdiction.ts), versioned data.
 */
export const ISSUING_AUTHORITIES = [
  { code: "UBND_TINH", vi: "Ủy ban nhân dân tỉnh", en: "Provincial People's Committee" },
  { code: "HDTDKT_TINH", vi: "Hội đồng Thi đua - Khen thưởng tỉnh", en: "Provincial Emulation and Commendation Council" },
] as const satisfies readonly Labelled[];
export type IssuingAuthority = (typeof ISSUING_AUTHORITIES)[number]["code"];
export const IssuingAuthorityCodes = ISSUING_AUTHORITIES.map((x) => x.code) as readonly IssuingAuthority[];

/**
 * How a document register (sổ đăng ký văn bản) gives numbers: the clerk copies the number and date the office's
 * own register gave (the usual case: one register for every document of the authority that year), or, when the
 * office keeps its register in this product, the next number of the register's counter is reserved.
 */
export const REGISTER_MODES = [
  { code: "CLERK_ENTERED", vi: "Văn thư ghi số, ngày từ sổ đăng ký văn bản của cơ quan", en: "The clerk enters the number and date from the office's register" },
  { code: "COUNTER", vi: "Lấy số tiếp theo của sổ đăng ký trong hệ thống", en: "The next number of this product's register" },
] as const satisfies readonly Labelled[];
export type RegisterMode = (typeof REGISTER_MODES)[number]["code"];
export const RegisterModeCodes = REGISTER_MODES.map((x) => x.code) as readonly RegisterMode[];
