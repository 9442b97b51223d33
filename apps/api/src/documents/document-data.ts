/**
 * What each generated document shows. The modules that own the facts (council review, recognition decisions)
 * build these plain objects; the documents module only lays them out. Dates are ISO `YYYY-MM-DD` strings and are
 * printed the Vietnamese way (ngày 05 tháng 12 năm 2025); numbers use Vietnamese separators.
 */
import type { SupersededStamp } from './superseded-stamp.js';

/** The issuing body and the place and date printed in the header of an administrative document. */
export interface IssuingBody {
  /** The body above the issuer, upper case in the header (e.g. "UBND TỈNH BẮC NINH", from the jurisdiction profile); optional. */
  parentName?: string;
  /** E.g. "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG". */
  name: string;
  /** Place name printed before the date, e.g. "Bắc Ninh" (the jurisdiction profile's place). */
  place: string;
}

export interface MinutesMember {
  displayName: string;
  /** The member's position in the council's composition ("Chủ tịch Hội đồng", "Ủy viên thư ký"…); omitted before positions. */
  position?: string;
  unitName: string;
  /** PRESENT: attended the meeting; WRITTEN_OPINION: absent, sent a written opinion; ABSENT: neither. */
  attendance: 'PRESENT' | 'WRITTEN_OPINION' | 'ABSENT';
}

export interface MinutesCriterionResult {
  code: string;
  label: string;
  /** How many submitted checklists marked the criterion met / not met. */
  met: number;
  notMet: number;
}

export interface MinutesCandidate {
  name: string;
  /** Vietnamese label of the kind: Tập thể / Cá nhân / Hộ gia đình. */
  kindLabel: string;
  unitName: string;
  fieldLabel: string;
  /** Members allowed to vote on this candidate (conflicts of interest excluded). */
  eligibleMembers: number;
  /** Members who voted in person or by written opinion. */
  participants: number;
  inFavour: number;
  against: number;
  abstain: number;
  quorumMet: boolean;
  thresholdMet: boolean;
  criteria: MinutesCriterionResult[];
  /** RECOGNISE | RETURN_TO_NURTURING | REJECT | NO_DECISION (quorum not met or checklists incomplete). */
  outcome: 'RECOGNISE' | 'RETURN_TO_NURTURING' | 'REJECT' | 'NO_DECISION';
  /** Vietnamese label of the outcome, e.g. "Đề nghị công nhận điển hình tiên tiến". */
  outcomeLabel: string;
  /** Shortcomings (return) or reasons (reject, no decision), Vietnamese, one per line. */
  notes: string[];
  /** Under a rule set: the figures the candidate was judged by (base of the threshold, votes needed, the chair's casting vote). */
  figures?: { base: number; needed: number; inFavour: number; against: number; tieBrokenByChair: boolean };
  /** Members who did not vote on this candidate for a conflict of interest (names). */
  recused?: string[];
  /** The quota's finding for this candidate (rank, preference among equals), Vietnamese. */
  quotaNote?: string;
  /** Holds open when the vote closed (NĐ 152/2025 Điều 4.4), each with its grounds and document, Vietnamese. */
  holds?: string[];
}

export interface CouncilMinutesData {
  issuer: IssuingBody;
  /** Document number, e.g. "05/BB-HĐTĐKT"; may be empty when not yet numbered. */
  number: string;
  /** Session title, e.g. "Tổng kết năm 2025". */
  sessionTitle: string;
  /** The date the meeting was held (voting closed), YYYY-MM-DD. */
  meetingDate: string;
  /** Where the meeting was held, free text; optional. */
  venue?: string;
  /** Chair and secretary (thư ký) names as printed under the signatures. */
  chairName: string;
  secretaryName: string;
  /** Human-readable rules, e.g. quorum "2/3", threshold "70%", ballot "Bỏ phiếu kín". */
  rules: { quorum: string; threshold: string; ballot: string; criteriaVersion: string; noticeWorkingDays: number };
  /** The rule set the session was judged by (sessions opened with one): its name, version, source and rules in words. */
  ruleSet?: { name: string; code: string; version: number; source: string; lines: string[] };
  members: MinutesMember[];
  candidates: MinutesCandidate[];
  /** When the document was generated (ISO timestamp), printed small in the footer with the audit reference. */
  generatedAt: string;
  /** Set while the rehearsal clock is on: the rehearsal date every page is marked with (docs/rehearsal-clock.md). */
  rehearsalDate?: string;
  /** E.g. the session's audit stream and head hash, so a reader can verify the minutes against the record. */
  auditReference: string;
}

export interface DecisionRecipient {
  name: string;
  kindLabel: string;
  unitName: string;
  fieldLabel: string;
  /** The achievement, one sentence. */
  achievement: string;
}

/** A recognition decision (quyết định công nhận điển hình tiên tiến). */
export interface RecognitionDecisionData {
  issuer: IssuingBody;
  /** E.g. "125/QĐ-UBND"; a draft not numbered yet: "/QĐ-UBND". */
  number: string;
  /** YYYY-MM-DD; null on a draft the register has not dated yet (the header leaves room, with `draftYear`). */
  date: string | null;
  /** A draft (dự thảo): watermarked "DỰ THẢO" on every page; its year prints when the date is still blank. */
  draft?: { year: number };
  /** E.g. "Về việc công nhận điển hình tiên tiến năm 2025". */
  subject: string;
  /**
   * The issuing authority line printed in capitals under the subject (Decree 30: thẩm quyền ban hành), e.g.
   * "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH" or "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"; optional, defaults to the
   * issuer's name. (Added by the documents module.)
   */
  authority?: string;
  /** Legal bases, each one "Căn cứ …" line. */
  bases: string[];
  /** Signing authority: title ("CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH") and name. */
  signerTitle: string;
  signerName: string;
  recipients: DecisionRecipient[];
  /** When this decision corrects or revokes an earlier one. */
  amends?: { kind: 'CORRECTION' | 'REVOCATION'; number: string; date: string; reasons: string };
  /** Where the decision is sent (Nơi nhận). */
  distribution: string[];
  generatedAt: string;
  /** Set while the rehearsal clock is on: the rehearsal date every page is marked with (docs/rehearsal-clock.md). */
  rehearsalDate?: string;
  /**
   * Set on a copy downloaded after a later decision superseded it: "ĐÃ ĐÍNH CHÍNH theo Quyết định số …" or "ĐÃ THU HỒI
   * theo Quyết định số …", printed on every page (superseded-stamp.ts).
   */
  supersededStamp?: SupersededStamp;
  auditReference: string;
}

/** A certificate (giấy chứng nhận điển hình tiên tiến) for one recognised exemplar. */
export interface CertificateData {
  issuer: IssuingBody;
  recipientName: string;
  kindLabel: string;
  unitName: string;
  achievement: string;
  /** The decision it rests on. */
  decisionNumber: string;
  decisionDate: string;
  signerTitle: string;
  signerName: string;
  /** Certificate serial, e.g. "ĐHTT-2025-000123". */
  serial: string;
  /** The public verification page of this certificate: printed as a QR code in the bottom right corner of the frame. */
  verificationUrl?: string;
  generatedAt: string;
  /** Set while the rehearsal clock is on: the rehearsal date every page is marked with (docs/rehearsal-clock.md). */
  rehearsalDate?: string;
  /**
   * Set on a copy downloaded after a later decision superseded it: "ĐÃ ĐÍNH CHÍNH theo Quyết định số …" or "ĐÃ THU HỒI
   * theo Quyết định số …", printed on every page (superseded-stamp.ts).
   */
  supersededStamp?: SupersededStamp;
}
