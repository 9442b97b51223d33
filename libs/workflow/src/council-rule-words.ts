/** A council rule set in words, Vietnamese and English: what the minutes print and the screens show. */
import type { Fraction } from './council.js';
import { CLEARANCE_RULE_LABELS } from './clearances.js';
import { clearanceRuleOf, type CouncilRuleSet, type Threshold } from './council-rules.js';

const pct = (f: Fraction) => {
  const p = (f.numerator * 100) / f.denominator;
  return Number.isInteger(p) ? `${p}%` : `${f.numerator}/${f.denominator}`;
};
const threshold = (t: Threshold) => ({
  vi: `${t.strict ? 'quá' : 'ít nhất'} ${pct(t.fraction)} ${t.of === 'ALL_MEMBERS' ? 'tổng số thành viên Hội đồng' : 'số phiếu biểu quyết'}`,
  en: `${t.strict ? 'more than' : 'at least'} ${pct(t.fraction)} ${t.of === 'ALL_MEMBERS' ? "of all the council's members" : 'of the votes cast'}`,
});

/** One line per rule; the award attendance only when the session considers awards. */
export function ruleSetLines(rules: CouncilRuleSet, considersAwards: boolean): { vi: string; en: string }[] {
  const lines = [{ vi: `Túc số: phiên họp hợp lệ khi có ít nhất ${pct(rules.quorum)} tổng số thành viên Hội đồng có mặt.`, en: `Quorum: at least ${pct(rules.quorum)} of all members present.` }];
  if (rules.awardSessionAttendance && considersAwards) {
    lines.push({
      vi: `Phiên họp xét khen thưởng: cần ít nhất ${pct(rules.awardSessionAttendance)} tổng số thành viên Hội đồng tham dự${rules.writtenOpinionsCount ? ' (thành viên vắng mặt thì lấy ý kiến bằng văn bản)' : ''}.`,
      en: `A session considering awards needs at least ${pct(rules.awardSessionAttendance)} of all members taking part${rules.writtenOpinionsCount ? ' (absent members by written opinion)' : ''}.`,
    });
  }
  lines.push(
    rules.writtenOpinionsCount
      ? { vi: 'Ý kiến bằng văn bản của thành viên vắng mặt được tính như phiếu biểu quyết.', en: "An absent member's written opinion counts as a vote." }
      : { vi: 'Ý kiến bằng văn bản của thành viên vắng mặt không được tính là phiếu biểu quyết.', en: 'Written opinions do not count as votes.' },
  );
  const rec = threshold(rules.recognition);
  lines.push({ vi: `Công nhận khi số phiếu tán thành đạt ${rec.vi}.`, en: `Recognised with votes in favour ${rec.en}.` });
  if (rules.rejection) {
    const rej = threshold(rules.rejection);
    lines.push({
      vi: `Không công nhận khi số phiếu không tán thành ${rej.vi}; chưa đạt tỷ lệ công nhận mà không thuộc trường hợp này thì trả về tiếp tục bồi dưỡng.`,
      en: `Rejected with votes against ${rej.en}; otherwise a candidate short of the threshold returns to nurturing.`,
    });
  }
  lines.push(
    rules.recusal === 'COUNTS_AS_NOT_IN_FAVOUR'
      ? {
          vi: 'Thành viên có xung đột lợi ích (thuộc đơn vị có hồ sơ, đơn vị cấp trên hoặc cấp dưới) không đánh giá, không biểu quyết hồ sơ đó và được tính là không tán thành.',
          en: 'A member with a conflict of interest neither reviews nor votes on the candidate and counts as not in favour.',
        }
      : {
          vi: 'Thành viên có xung đột lợi ích (thuộc đơn vị có hồ sơ, đơn vị cấp trên hoặc cấp dưới) không đánh giá, không biểu quyết hồ sơ đó và không được tính vào cơ sở tính tỷ lệ.',
          en: 'A member with a conflict of interest neither reviews nor votes on the candidate and is left out of the base.',
        },
  );
  if (rules.chairBreaksTies) lines.push({ vi: 'Khi số phiếu tán thành và không tán thành bằng nhau, kết quả theo ý kiến của Chủ tịch Hội đồng.', en: "On a tie between votes in favour and against, the chair's casting vote decides." });
  if (rules.quota !== null) {
    lines.push({
      vi: `Hạn mức công nhận của đợt xét: ${rules.quota}. Khi số hồ sơ đạt tỷ lệ vượt hạn mức, xếp theo số phiếu tán thành; trong số ngang nhau ưu tiên cá nhân nữ và tập thể có từ 70% nữ trở lên (Nghị định 152/2025/NĐ-CP, Điều 4 khoản 6); hồ sơ ngoài hạn mức trả về tiếp tục bồi dưỡng.`,
      en: `Quota of the session: ${rules.quota}. Beyond it candidates rank by votes in favour; among equals women and collectives with at least 70% women come first (Decree 152/2025, Art. 4.6); those beyond the quota return to nurturing.`,
    });
  }
  // Whether other agencies' clearances (hiệp y) can stand in the way of a recognition.
  const clearance = CLEARANCE_RULE_LABELS[clearanceRuleOf(rules)];
  lines.push({ vi: `Ý kiến hiệp y: ${clearance.vi.charAt(0).toLowerCase()}${clearance.vi.slice(1)}.`, en: `Clearances: ${clearance.en.charAt(0).toLowerCase()}${clearance.en.slice(1)}.` });
  return lines;
}
