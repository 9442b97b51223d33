// The criteria for evaluating an advanced exemplar, section III.2.2 of the Bắc Giang Department of Home Affairs'
// 2014–2023 report (first kept as a JSON catalogue outside this repository; this file is now the source): version 1 of each set.
// A review is judged against the version in force when it opened; later versions live in the database.
import type { Labelled } from "./labelled.js";

export const EXEMPLAR_DEFINITION = {
  "vi": "Điển hình tiên tiến là tập thể, cá nhân, hộ gia đình có thành tích tiêu biểu, xuất sắc trong lao động, sản xuất, kinh doanh, học tập, công tác, huấn luyện, sẵn sàng chiến đấu, chiến đấu và phục vụ chiến đấu, là nhân tố nổi trội, dẫn đầu trong các phong trào thi đua, gương người tốt, việc tốt trong đời sống xã hội.",
  "en": "An advanced exemplar is a collective, individual or household with typical, outstanding achievements in labour, production, business, study, work, training, combat readiness, combat and combat support; a leading factor in emulation movements; an example of good people and good deeds in social life."
} as const;

export const CRITERIA_SETS = [
  {
    code: "COLLECTIVE",
    version: 1,
    appliesTo: ["COLLECTIVE"],
    criteria: [
      { code: "C1_COMPLIANCE", vi: "Gương mẫu, chấp hành tốt đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước", en: "Exemplary compliance with the Party's guidelines and the State's policies and laws" },
      { code: "C2_UNITY_INTEGRITY", vi: "Nội bộ đoàn kết; tích cực thực hành tiết kiệm, chống lãng phí, phòng, chống tham nhũng, tiêu cực và các tệ nạn xã hội", en: "Internal unity; active thrift, fighting waste, corruption, negative practices and social evils" },
      { code: "C3_INNOVATIVE_LEADERSHIP", vi: "Có nhiều đổi mới, sáng tạo trong lãnh đạo, chỉ đạo triển khai thực hiện có hiệu quả công tác, hoàn thành xuất sắc các nhiệm vụ được giao", en: "Much innovation and creativity in leading and directing the work effectively; excellent completion of assigned tasks" },
      { code: "C4_LEADING_MODEL", vi: "Có mô hình mới, cách làm hay, nhiều sáng kiến, giải pháp sáng tạo, mang lại hiệu quả thiết thực và là nhân tố nổi trội, tiêu biểu, dẫn đầu trong các phong trào thi đua, cuộc vận động do Trung ương, tỉnh, ngành, cơ quan, đơn vị, địa phương tổ chức, phát động", en: "New models, good practices, many initiatives and creative solutions with practical effect; an outstanding, leading factor in emulation movements and campaigns launched by the centre, province, sector, agency, unit or locality" },
      { code: "C5_SOCIAL_CONTRIBUTION", vi: "Tích cực tham gia các hoạt động nhân đạo, từ thiện, các hoạt động xã hội khác nhằm thực hiện tốt công tác an sinh xã hội, góp phần tích cực vào sự nghiệp xây dựng Chủ nghĩa xã hội và bảo vệ Tổ quốc", en: "Active in humanitarian, charitable and other social activities for social welfare; contributes to building socialism and defending the Fatherland" },
    ],
  },
  {
    code: "INDIVIDUAL_HOUSEHOLD",
    version: 1,
    appliesTo: ["INDIVIDUAL","HOUSEHOLD"],
    criteria: [
      { code: "I1_COMPLIANCE", vi: "Gương mẫu, chấp hành tốt đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước", en: "Exemplary compliance with the Party's guidelines and the State's policies and laws" },
      { code: "I2_EXEMPLARY_CREATIVE", vi: "Gương mẫu, sáng tạo trong công tác, cuộc sống; trong chiến đấu, phục vụ chiến đấu, giúp đỡ nhân dân. Có phẩm chất đạo đức trong sáng, dám nghĩ, dám làm, dám chịu trách nhiệm; có cách làm hay, sáng kiến, giải pháp sáng tạo, mang lại hiệu quả thiết thực và là nhân tố nổi trội, tiêu biểu, dẫn đầu trong các phong trào thi đua, cuộc vận động do Trung ương, tỉnh, ngành, cơ quan, đơn vị, địa phương tổ chức, phát động", en: "Exemplary and creative in work and life, in combat and its support, in helping the people; pure moral character, dares to think, act and take responsibility; good practices, initiatives and creative solutions with practical effect; an outstanding, leading factor in emulation movements and campaigns" },
      { code: "I3_SOLIDARITY_SOCIAL", vi: "Có tinh thần tương thân tương ái, giúp đỡ mọi người cùng tiến bộ; tích cực tham gia các hoạt động nhân đạo, từ thiện, các hoạt động xã hội khác nhằm thực hiện tốt công tác an sinh xã hội, góp phần tích cực vào sự nghiệp xây dựng Chủ nghĩa xã hội và bảo vệ Tổ quốc", en: "Mutual affection, helping others progress; active in humanitarian, charitable and social activities for social welfare; contributes to building socialism and defending the Fatherland" },
    ],
  },
] as const satisfies readonly { code: string; version: number; appliesTo: readonly string[]; criteria: readonly Labelled[] }[];
export type CriteriaSetCode = (typeof CRITERIA_SETS)[number]["code"];
