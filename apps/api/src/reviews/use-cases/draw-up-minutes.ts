/**
 * Draws up the minutes of a council session (lập biên bản họp Hội đồng) once voting has closed: gathers from the
 * records the members and their attendance, the rules, each candidate's tally, checklist results and outcome, and
 * the head of the session's audit stream (so that a reader can check the document against the trail), then has
 * the documents module lay them out as PDF.
 */
import { COUNCIL_POSITIONS } from '#domain';
import { Injectable } from '@nestjs/common';
import { FIELDS, SUBJECT_KINDS, labelsOf } from '#domain';
import { HOLD_KINDS, decideVerdict, ruleSetLines } from '#workflow';
import { CouncilAttendanceRepository } from '../council-attendance.repository.js';
import { inConflict } from '../conflict-of-interest.js';
import { reviewSessionStream } from '../../audit/streams.js';
import { Clock } from '../../common/clock.js';
import type { CouncilMinutesData, MinutesCandidate } from '../../documents/document-data.js';
import { JurisdictionProfiles } from '../../jurisdiction/jurisdiction-profiles.js';
import { DocumentsService } from '../../documents/documents.service.js';
import { formatDateVi } from '../../documents/vietnamese-format.js';
import { HoldRepository } from '../../holds/hold.repository.js';
import { BallotRepository } from '../ballot.repository.js';
import { ChecklistRepository } from '../checklist.repository.js';
import { CouncilVerdicts } from '../council-verdicts.js';
import { CriteriaSetRepository } from '../criteria-set.repository.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges, requireStage } from '../session-changes.js';

const OUTCOME_LABELS: Record<MinutesCandidate['outcome'], string> = {
  RECOGNISE: 'Đề nghị công nhận điển hình tiên tiến',
  RETURN_TO_NURTURING: 'Trả về tiếp tục bồi dưỡng',
  REJECT: 'Không công nhận',
  NO_DECISION: 'Chưa đủ điều kiện kết luận',
};

/** Holds are read as their own feature records them (a repository without state). */
const holdRecords = new HoldRepository();

@Injectable()
export class DrawUpMinutes {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly checklists: ChecklistRepository,
    private readonly ballots: BallotRepository,
    private readonly criteriaSets: CriteriaSetRepository,
    private readonly verdicts: CouncilVerdicts,
    private readonly documents: DocumentsService,
    private readonly profiles: JurisdictionProfiles,
    private readonly attendance: CouncilAttendanceRepository,
    private readonly clock: Clock,
  ) {}

  /** The minutes as PDF, with the name they are downloaded under ("Biên bản họp Hội đồng - <session>.pdf"). */
  async execute(sessionId: string): Promise<{ pdf: Buffer; fileName: string }> {
    const data = await this.data(sessionId);
    return { pdf: await this.documents.renderCouncilMinutes(data), fileName: `Biên bản họp Hội đồng - ${data.sessionTitle}.pdf` };
  }

  /** The facts the minutes print. */
  async data(sessionId: string): Promise<CouncilMinutesData> {
    const em = this.sessions.reader;
    const session = await this.changes.read(em, sessionId);
    requireStage(session, 'DRAW_UP_MINUTES');
    const members = await this.sessions.members(em, sessionId);
    const writtenBy = new Set(await this.ballots.writtenOpinionVoters(em, sessionId));
    const pinned = await this.attendance.pinned(em, sessionId);
    const candidates: MinutesCandidate[] = [];
    const closedAt = new Date(session.votingClosedAt!);
    for (const item of await this.sessions.items(em, sessionId)) {
      if (!item.verdict) continue; // withdrawn before voting closed: not voted on
      const facts = await this.sessions.itemFacts(em, item);
      const decision = decideVerdict(item.verdict);
      const inForce = await this.checklists.inForce(em, item.id);
      // Once the decision is confirmed, the shortcomings it recorded (the secretariat's additions included); before,
      // those the checklists give.
      const recorded = decision.outcome === 'RETURN_TO_NURTURING' ? await this.sessions.recordedShortcomings(em, item.candidateId, sessionId) : null;
      const shortcomings = recorded ?? (await this.verdicts.shortcomingsFrom(em, facts));
      const verdict = item.verdict;
      const legacy = 'rules' in verdict ? verdict.tally : null;
      const ruled = 'ruleSet' in verdict ? verdict.tally : null;
      const figures = 'figures' in decision ? (decision as { figures: NonNullable<MinutesCandidate['figures']> }).figures : undefined;
      const quotaFinding = decision.findings.find((f) => f.code.startsWith('QUOTA_'));
      // The holds open when the vote closed: why the council took no vote on the candidate.
      const holds = (await holdRecords.listOf(em, facts.candidate.id))
        .filter((h) => h.placedAt <= closedAt && (!h.lifted || h.lifted.liftedAt > closedAt))
        .map((h) => `${HOLD_KINDS.find((k) => k.code === h.kind)?.vi ?? h.kind}: ${h.grounds} (văn bản số ${h.documentNumber} ngày ${formatDateVi(h.documentDate)} của ${h.documentIssuer})`);
      candidates.push({
        name: facts.candidate.name,
        kindLabel: labelsOf(SUBJECT_KINDS, facts.candidate.kind)?.vi ?? facts.candidate.kind,
        unitName: facts.candidate.unitName,
        fieldLabel: labelsOf(FIELDS, facts.candidate.field)?.vi ?? facts.candidate.field,
        eligibleMembers: legacy ? legacy.eligible : (figures?.base ?? 0),
        participants: legacy ? legacy.participants : ruled!.inFavour + ruled!.against + ruled!.abstain,
        inFavour: (legacy ?? ruled)!.inFavour,
        against: (legacy ?? ruled)!.against,
        abstain: (legacy ?? ruled)!.abstain,
        quorumMet: decision.quorumMet && ('attendanceMet' in decision ? Boolean(decision.attendanceMet) : true),
        thresholdMet: decision.thresholdMet,
        criteria: facts.criteria.map((c) => {
          const marks = inForce.flatMap((k) => k.marks.filter((m) => m.criterionCode === c.code));
          return { code: c.code, label: c.vi, met: marks.filter((m) => m.met).length, notMet: marks.filter((m) => !m.met).length };
        }),
        outcome: decision.outcome,
        outcomeLabel: OUTCOME_LABELS[decision.outcome],
        notes: decision.outcome === 'RETURN_TO_NURTURING' ? (quotaFinding && !shortcomings.includes(quotaFinding.vi) ? [quotaFinding.vi, ...shortcomings] : shortcomings) : decision.outcome === 'RECOGNISE' ? [] : decision.findings.map((f) => f.vi),
        ...(ruled
          ? {
              ...(figures ? { figures } : {}),
              recused: members.filter((m) => inConflict(m.unitPath, facts.candidate.unitPath)).map((m) => m.displayName),
              ...(quotaFinding ? { quotaNote: quotaFinding.vi } : {}),
            }
          : {}),
        ...(holds.length ? { holds } : {}),
      });
    }
    const stream = reviewSessionStream(sessionId);
    const head = await this.sessions.auditHead(em, stream);
    const secretary = await this.sessions.displayNameOf(em, session.openedBy);
    const sets = await this.criteriaSets.versions(em, Object.values(session.criteriaSetIds));
    const meetingDate = this.clock.dateOf(new Date(session.votingClosedAt!));
    // The council as the profile in force on the meeting's day names it (profiles never take effect retroactively).
    const { council, place } = (await this.profiles.inForceOn(meetingDate, em)).content;
    return {
      issuer: { ...(council.parentName ? { parentName: council.parentName } : {}), name: council.header, place },
      number: '',
      sessionTitle: session.title,
      meetingDate,
      ...(session.venue ? { venue: session.venue } : {}),
      chairName: session.chairName,
      secretaryName: secretary ?? session.openedBy,
      rules: {
        quorum: `${session.quorumNumerator}/${session.quorumDenominator}`,
        threshold: `${session.recognitionPercent}%`,
        ballot: session.ballot === 'SECRET' ? 'Bỏ phiếu kín' : 'Biểu quyết công khai',
        criteriaVersion: sets.map((s) => `${s.code === 'COLLECTIVE' ? 'Tập thể' : 'Cá nhân, hộ gia đình'}: phiên bản ${s.version}`).join('; '),
        noticeWorkingDays: session.noticeWorkingDays,
      },
      ...(pinned
        ? {
            ruleSet: {
              name: pinned.nameVi,
              code: pinned.code,
              version: pinned.version,
              source: pinned.sourceVi,
              lines: ruleSetLines(pinned.rules, pinned.considersAwards).map((l) => l.vi),
            },
          }
        : {}),
      members: members.map((m) => ({
        displayName: m.displayName,
        // The position the composition gave the member when the session opened (sessions before positions: none).
        ...(m.position ? { position: COUNCIL_POSITIONS.find((p) => p.code === m.position)?.vi ?? m.position } : {}),
        unitName: m.unitName ?? '',
        // Under a rule set the attendance recorded when voting opened; before, an absent member's own vote was their written opinion.
        attendance: m.attendance === 'PRESENT' ? 'PRESENT' : (pinned ? m.attendance === 'WRITTEN_OPINION' : writtenBy.has(m.accountId)) ? 'WRITTEN_OPINION' : 'ABSENT',
      })),
      candidates,
      generatedAt: this.clock.now().toISOString(),
      auditReference: head ? `${stream} #${head.seq} ${head.hash.slice(0, 16)}` : stream,
    };
  }
}
