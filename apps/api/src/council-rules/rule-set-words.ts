/** A rule set in the words the minutes and the session page print (Vietnamese). */
import type { CouncilRuleSet, Fraction, Threshold } from '#workflow';

const pct = (f: Fraction) => {
  const p = (f.numerator * 100) / f.denominator;
  return Number.isInteger(p) ? `${p}%` : `${f.numerator}/${f.denominator}`;
};
const threshold = (t: Threshold) => `${t.strict ? 'quá' : 'ít nhất'} ${pct(t.fraction)} ${t.of === 'ALL_MEMBERS' ? 'tổng số thành viên Hội đồng' : 'số phiếu biểu quyết'}`;

export function ruleSetLines(rules: CouncilRuleSet, considersAwards: boolean): string[] {
  const lines = [`Túc số: phiên họp hợp lệ khi có ít nhất ${pct(rules.quorum)} tổng số thành viên Hội đồng có mặt.`];
  if (rules.awardSessionAttendance && considersAwards) {
    lines.push(
      `Phiên họp xét khen thưởng: cần ít nhất ${pct(rules.awardSessionAttendance)} tổng số thành viên Hội đồng tham dự${rules.writtenOpinionsCount ? ' (thành viên vắng mặt thì lấy ý kiến bằng văn bản)' : ''}.`,
    );
  }
  lines.push(`Ý kiến bằng văn bản của thành viên vắng mặt ${rules.writtenOpinionsCount ? 'được tính như phiếu biểu quyết' : 'không được tính là phiếu biểu quyết'}.`);
  lines.push(`Công nhận khi số phiếu tán thành đạt ${threshold(rules.recognition)}.`);
  if (rules.rejection) lines.push(`Không công nhận khi số phiếu không tán thành ${threshold(rules.rejection)}; chưa đạt tỷ lệ công nhận mà không thuộc trường hợp này thì trả về tiếp tục bồi dưỡng.`);
  lines.push(
    rules.recusal === 'COUNTS_AS_NOT_IN_FAVOUR'
      ? 'Thành viên có xung đột lợi ích (thuộc đơn vị có hồ sơ, đơn vị cấp trên hoặc cấp dưới) không đánh giá, không biểu quyết hồ sơ đó và được tính là không tán thành.'
      : 'Thành viên có xung đột lợi ích (thuộc đơn vị có hồ sơ, đơn vị cấp trên hoặc cấp dưới) không đánh giá, không biểu quyết hồ sơ đó và không được tính vào cơ sở tính tỷ lệ.',
  );
  if (rules.chairBreaksTies) lines.push('Khi số phiếu tán thành và không tán thành bằng nhau, kết quả theo ý kiến của Chủ tịch Hội đồng.');
  if (rules.quota !== null) {
    lines.push(
      `Hạn mức công nhận của đợt xét: ${rules.quota}. Khi số hồ sơ đạt tỷ lệ vượt hạn mức, xếp theo số phiếu tán thành; trong số ngang nhau ưu tiên cá nhân nữ và tập thể có từ 70% nữ trở lên (Nghị định 152/2025/NĐ-CP, Điều 4 khoản 6); hồ sơ ngoài hạn mức trả về tiếp tục bồi dưỡng.`,
    );
  }
  return lines;
}
