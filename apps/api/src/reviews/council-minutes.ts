/**
 * The minutes of a council session (biên bản họp Hội đồng), assembled from the records: members and attendance,
 * the rules, each candidate's tally, checklist results and outcome, and the audit head of the session's stream so
 * that a reader can check the document against the record.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FIELDS, SUBJECT_KINDS, labelsOf } from '#domain';
import { decideCouncilOutcome } from '#workflow';
import { DomainError } from '../common/domain-error.js';
import type { CouncilMinutesData, MinutesCandidate } from '../documents/document-data.js';
import { ReviewSessions } from './review-sessions.service.js';
import { itemsOf, readSession } from './session-records.js';
import { reviewSessionStream } from '../audit/streams.js';

const OUTCOME_LABELS: Record<MinutesCandidate['outcome'], string> = {
  RECOGNISE: 'Đề nghị công nhận điển hình tiên tiến',
  RETURN_TO_NURTURING: 'Trả về tiếp tục bồi dưỡng',
  REJECT: 'Không công nhận',
  NO_DECISION: 'Chưa đủ điều kiện kết luận',
};

export const ISSUER = { parentName: 'UBND TỈNH BẮC GIANG', name: 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG', place: 'Bắc Giang' };

@Injectable()
export class CouncilMinutes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: ReviewSessions,
  ) {}

  async data(sessionId: string): Promise<CouncilMinutesData> {
    const em = this.dataSource.manager;
    const session = await readSession(em, sessionId);
    if (session.status === 'PREPARING' || session.status === 'VOTING') {
      throw new DomainError('SESSION_STAGE_FORBIDS', { status: session.status, allowed: ['VOTING_CLOSED', 'NOTICE', 'CLOSED'], action: 'lập biên bản' });
    }
    const members = await this.sessions.members(em, sessionId);
    const writtenBy = new Set(
      ((await em.query(`SELECT DISTINCT v.member_id AS id FROM council_vote v JOIN review_item i ON i.id = v.item_id WHERE i.session_id = $1 AND v.mode = 'WRITTEN_OPINION'`, [sessionId])) as { id: string }[]).map(
        (r) => r.id,
      ),
    );
    const candidates: MinutesCandidate[] = [];
    for (const item of await itemsOf(em, sessionId)) {
      if (!item.verdict) continue; // withdrawn before voting closed: not voted on
      const facts = await this.sessions.itemFacts(em, item);
      const decision = decideCouncilOutcome(item.verdict);
      const inForce = await this.sessions.checklistsInForce(em, item.id);
      const shortcomings = await this.sessions.shortcomingsFrom(em, facts);
      const { tally } = item.verdict;
      candidates.push({
        name: facts.candidate.name,
        kindLabel: labelsOf(SUBJECT_KINDS, facts.candidate.kind)?.vi ?? facts.candidate.kind,
        unitName: facts.candidate.unitName,
        fieldLabel: labelsOf(FIELDS, facts.candidate.field)?.vi ?? facts.candidate.field,
        eligibleMembers: tally.eligible,
        participants: tally.participants,
        inFavour: tally.inFavour,
        against: tally.against,
        abstain: tally.abstain,
        quorumMet: decision.quorumMet,
        thresholdMet: decision.thresholdMet,
        criteria: facts.criteria.map((c) => {
          const marks = inForce.flatMap((k) => k.marks.filter((m) => m.criterionCode === c.code));
          return { code: c.code, label: c.vi, met: marks.filter((m) => m.met).length, notMet: marks.filter((m) => !m.met).length };
        }),
        outcome: decision.outcome,
        outcomeLabel: OUTCOME_LABELS[decision.outcome],
        notes: decision.outcome === 'RETURN_TO_NURTURING' ? shortcomings : decision.outcome === 'RECOGNISE' ? [] : decision.findings.map((f) => f.vi),
      });
    }
    const [head] = (await em.query('SELECT seq, hash FROM audit_event WHERE stream = $1 ORDER BY seq DESC LIMIT 1', [reviewSessionStream(sessionId)])) as { seq: number; hash: string }[];
    const [secretary] = (await em.query('SELECT display_name AS "displayName" FROM account WHERE username = $1', [session.openedBy])) as { displayName: string }[];
    const sets = (await em.query('SELECT code, version FROM criteria_set WHERE id = ANY($1::uuid[]) ORDER BY code', [Object.values(session.criteriaSetIds)])) as { code: string; version: number }[];
    return {
      issuer: ISSUER,
      number: '',
      sessionTitle: session.title,
      meetingDate: this.sessions.dateIn(session.votingClosedAt!),
      ...(session.venue ? { venue: session.venue } : {}),
      chairName: session.chairName,
      secretaryName: secretary?.displayName ?? session.openedBy,
      rules: {
        quorum: `${session.quorumNumerator}/${session.quorumDenominator}`,
        threshold: `${session.recognitionPercent}%`,
        ballot: session.ballot === 'SECRET' ? 'Bỏ phiếu kín' : 'Biểu quyết công khai',
        criteriaVersion: sets.map((s) => `${s.code === 'COLLECTIVE' ? 'Tập thể' : 'Cá nhân, hộ gia đình'}: phiên bản ${s.version}`).join('; '),
        noticeWorkingDays: session.noticeWorkingDays,
      },
      members: members.map((m) => ({
        displayName: m.displayName,
        unitName: m.unitName ?? '',
        attendance: m.attendance === 'PRESENT' ? 'PRESENT' : writtenBy.has(m.accountId) ? 'WRITTEN_OPINION' : 'ABSENT',
      })),
      candidates,
      generatedAt: new Date().toISOString(),
      auditReference: head ? `${reviewSessionStream(sessionId)} #${head.seq} ${head.hash.slice(0, 16)}` : reviewSessionStream(sessionId),
    };
  }
}
