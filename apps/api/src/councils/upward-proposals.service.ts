/**
 * Upward proposals (liên thông): an exemplar recognised by a lower council is proposed to the parent level's
 * council, carrying the lower session (whose minutes recognised it) and, when issued, its recognition decision.
 *
 * In one transaction: a new candidacy of the same subject is created at the parent level (reviewed by the parent
 * council, whatever its unit's nearest council is); the statechart records PROPOSE_UPWARD on the lower candidate
 * (which stays recognised at its level; its effect writes the proposal) and ENTER_UPWARD_REVIEW on the new one (discovered →
 * underReview, its guard requiring the lower session). The parent council then reviews it like any other candidate,
 * with the lower level's minutes and decision as its evidence. Both candidates keep their own histories; the
 * proposal links them.
 */
import { Notifications } from '../notifications/notifications.js';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { UpwardProposalView, UpwardProposed } from '#contracts';
import { peopleAmong, peopleNamed } from '../audit/audit-names.js';
import { startCandidate } from '#workflow';
import { councilBound } from '../access/council-scope.js';
import { CandidateAccess } from '../access/candidate-access.js';
import { reaches, reachOf } from '../access/unit-reach.js';
import { AuditWriter } from '../audit/audit.writer.js';
import { candidateStream } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { DISCOVERED_EVENT } from '../candidates/candidates.service.js';
import { CandidateTransitions } from '../transitions/candidate-transitions.service.js';
import { CouncilRepository } from './council.repository.js';

/** The states in which an exemplar stands recognised at its level and may be proposed upward. */
const PROPOSABLE_STATES = ['recognised', 'replicating'];

@Injectable()
export class UpwardProposals {
  constructor(
    private readonly dataSource: DataSource,
    private readonly councils: CouncilRepository,
    private readonly access: CandidateAccess,
    private readonly transitions: CandidateTransitions,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly notifications: Notifications,
  ) {}

  async propose(candidateId: string, reasons: string, actor: Actor): Promise<UpwardProposed> {
    // A unit head proposes within their reach; the secretariat proposes for the council it serves (checked below).
    await this.access.assertMaySend(actor, candidateId, 'PROPOSE_UPWARD');
    return this.dataSource.transaction(async (em) => {
      const [lower] = (await em.query(
        `SELECT c.id, c.kind, c.name, c.unit_id AS "unitId", c.field, c.year, c.discovery_channel AS "discoveryChannel", c.achievement, c.subject_id AS "subjectId", c.state
           FROM candidate c WHERE c.id = $1 FOR UPDATE`,
        [candidateId],
      )) as { id: string; kind: string; name: string; unitId: string; field: string; year: number; discoveryChannel: string; achievement: string; subjectId: string | null; state: string }[];
      if (!lower) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
      // The lower council's recognition: the closed session whose item recognised it.
      const [recognition] = (await em.query(
        `SELECT i.session_id AS "sessionId" FROM review_item i JOIN review_session s ON s.id = i.session_id
          WHERE i.candidate_id = $1 AND i.outcome = 'RECOGNISE' AND s.status = 'CLOSED' ORDER BY s.closed_at DESC LIMIT 1`,
        [candidateId],
      )) as { sessionId: string }[];
      if (!recognition || !PROPOSABLE_STATES.includes(lower.state)) throw new DomainError('UPWARD_NOT_RECOGNISED_HERE', { candidateId, state: lower.state });
      const from = await this.councils.ofSession(em, recognition.sessionId);
      if (!from) throw new DomainError('UPWARD_NOT_RECOGNISED_HERE', { candidateId });
      if (actor.role === 'COUNCIL_SECRETARY' && (await this.councils.servedBy(em, actor.accountId))?.id !== from.id) throw new DomainError('COUNCIL_NOT_SERVED', { councilId: from.id });
      const to = await this.councils.parentOf(em, from);
      if (!to) throw new DomainError('UPWARD_NO_PARENT_COUNCIL', { councilId: from.id });
      const [already] = (await em.query(`SELECT id FROM upward_proposal WHERE lower_candidate_id = $1 AND to_council_id = $2`, [candidateId, to.id])) as { id: string }[];
      if (already) throw new DomainError('UPWARD_ALREADY_PROPOSED', { candidateId, proposalId: already.id });
      const [decision] = (await em.query(
        `SELECT d.id FROM recognition_decision d JOIN decision_recipient r ON r.decision_id = d.id
          WHERE r.candidate_id = $1 AND d.kind = 'RECOGNITION' ORDER BY d.issued_at DESC LIMIT 1`,
        [candidateId],
      )) as { id: string }[];

      const now = this.clock.now();
      const proposalId = randomUUID();
      const upperId = randomUUID();
      const started = startCandidate({ kind: lower.kind as never });
      const subjectId = lower.subjectId ?? lower.id;
      await em.query(
        `INSERT INTO candidate (id, kind, name, unit_id, field, year, discovery_channel, achievement, subject_id, council_id, state, snapshot, machine_version, version, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $15, $15)`,
        [upperId, lower.kind, lower.name, lower.unitId, lower.field, lower.year, lower.discoveryChannel, lower.achievement, subjectId, to.id, started.state, started.snapshot, started.machineVersion, actor.username, now],
      );
      await this.audit.append(em, {
        stream: candidateStream(upperId),
        candidateId: upperId,
        eventType: DISCOVERED_EVENT,
        payload: {
          kind: lower.kind,
          name: lower.name,
          unitId: lower.unitId,
          field: lower.field,
          year: lower.year,
          discoveryChannel: lower.discoveryChannel,
          achievement: lower.achievement,
          subjectId,
          councilId: to.id,
          proposedFrom: { proposalId, candidateId, councilId: from.id },
        },
        fromState: null,
        toState: started.state,
        actor: actor.username,
        occurredAt: now,
        machineVersion: started.machineVersion,
      });
      await this.transitions.sendWithin(em, { candidateId, event: {
          type: 'PROPOSE_UPWARD',
          proposalId,
          fromCouncilId: from.id,
          toCouncilId: to.id,
          upperCandidateId: upperId,
          lowerSessionId: recognition.sessionId,
          ...(decision ? { lowerDecisionId: decision.id } : {}),
          reasons,
        }, actor });
      await this.transitions.sendWithin(em, {
        candidateId: upperId,
        event: { type: 'ENTER_UPWARD_REVIEW', proposalId, lowerCandidateId: candidateId, lowerSessionId: recognition.sessionId, ...(decision ? { lowerDecisionId: decision.id } : {}) },
        actor,
      });
      // The parent council's secretariat is told, in the proposal's transaction (PROPOSAL_RECEIVED).
      const secretariat = (await em.query(`SELECT id FROM account WHERE role = 'COUNCIL_SECRETARY' AND disabled_at IS NULL AND council_id = $1`, [to.id])) as { id: string }[];
      await this.notifications.notify(em, {
        kind: 'PROPOSAL_RECEIVED',
        to: secretariat.map((a) => a.id),
        title: { vi: `Đề nghị liên thông: ${lower.name}`, en: `Proposal from a lower level: ${lower.name}` },
        body: { vi: `${from.name} đề nghị ${to.name} xét công nhận điển hình tiên tiến, kèm quyết định và biên bản của cấp dưới.`, en: `${from.name} proposes the exemplar to ${to.name}, with the lower level's decision and minutes.` },
        link: `/ho-so/${upperId}`,
      });
      return { proposalId, upperCandidateId: upperId, toCouncilId: to.id };
    });
  }

  /**
   * The proposals flowing to and from the reader: council members and secretariat see those leaving or reaching the
   * council they serve; unit heads those of candidates in their reach (outgoing) or to a council of a unit in their
   * reach (incoming); auditors every one.
   */
  async list(actor: Actor): Promise<UpwardProposalView[]> {
    const em = this.councils.reader;
    const rows = await this.councils.proposals(em);
    const served = councilBound(actor) ? await this.councils.servedBy(em, actor.accountId) : null;
    const reach = reachOf(actor);
    const councilPaths = new Map((await this.councils.all(em)).map((c) => [c.id, c.unitPath]));
    const unitPaths = new Map(
      ((await em.query('SELECT id, path FROM unit WHERE id = ANY($1::uuid[])', [[...new Set(rows.map((r) => r.unitId))]])) as { id: string; path: string }[]).map((u) => [u.id, u.path]),
    );
    const people = await peopleNamed(em, rows.map((r) => r.proposedBy));
    const views: UpwardProposalView[] = [];
    for (const r of rows) {
      let direction: UpwardProposalView['direction'] | null = null;
      if (councilBound(actor)) {
        if (served && r.fromCouncilId === served.id) direction = 'OUTGOING';
        else if (served && r.toCouncilId === served.id) direction = 'INCOMING';
      } else if (actor.role === 'UNIT_HEAD') {
        if (reaches(actor, unitPaths.get(r.unitId) ?? '')) direction = 'OUTGOING';
        else if (reaches(actor, councilPaths.get(r.toCouncilId) ?? '')) direction = 'INCOMING';
      } else if (reach.kind === 'everything') direction = 'OTHER';
      if (!direction) continue;
      views.push({
        id: r.id,
        candidate: { id: r.lowerCandidateId, name: r.candidateName, kind: r.candidateKind },
        unit: { id: r.unitId, name: r.unitName },
        upperCandidate: { id: r.upperCandidateId, state: r.upperState },
        fromCouncil: { id: r.fromCouncilId, name: r.fromCouncilName },
        toCouncil: { id: r.toCouncilId, name: r.toCouncilName },
        lowerSessionId: r.lowerSessionId,
        lowerDecisionId: r.lowerDecisionId,
        reasons: r.reasons,
        proposedBy: r.proposedBy,
        proposedAt: new Date(r.proposedAt).toISOString(),
        people: peopleAmong(people, [r.proposedBy]),
        direction,
      });
    }
    return views;
  }
}
