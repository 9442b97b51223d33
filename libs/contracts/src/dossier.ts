/**
 * The dossier of a session and of each candidate (NĐ 152/2025 appendix forms that fit the programme): the
 * submission memo, the candidate list, the public-notice list, and each candidate's achievement report, whose
 * versions (pre-filled, then edited) are kept.
 */
import { PeopleNames } from './audit.js';
import { CalendarDate, Instant, Nullable, Type, Uuid, file, json, type EndpointTable, type Static } from './schema.js';

export const AchievementReportContent = Type.Object({
  profile: Type.String(),
  achievements: Type.String(),
  methods: Type.String(),
  impact: Type.String(),
  earlierAwards: Type.String(),
});
export type AchievementReportContent = Static<typeof AchievementReportContent>;

export const AchievementReportView = Type.Object({
  candidateId: Uuid,
  candidateName: Type.String(),
  /** 0 while nothing is stored yet: the content is then the pre-filled draft. */
  version: Type.Integer({ minimum: 0 }),
  content: AchievementReportContent,
  writtenBy: Nullable(Type.String()),
  writtenAt: Nullable(Instant),
  versions: Type.Array(Type.Object({ version: Type.Integer({ minimum: 1 }), writtenBy: Type.String(), writtenAt: Instant, note: Nullable(Type.String()) })),
  reportDate: CalendarDate,
  /** Who wrote each version, by name. */
  people: PeopleNames,
});
export type AchievementReportView = Static<typeof AchievementReportView>;

const PDF_OR_DOCX = file('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');

export const DOSSIER_ENDPOINTS = {
  'GET /api/candidates/{id}/achievement-report': json(AchievementReportView),
  'POST /api/candidates/{id}/achievement-report': json(AchievementReportView, 201),
  'GET /api/candidates/{id}/achievement-report/{format}': PDF_OR_DOCX,
  'GET /api/review-sessions/{id}/dossier/{document}/{format}': PDF_OR_DOCX,
} satisfies EndpointTable;
