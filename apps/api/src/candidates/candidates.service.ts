import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startCandidate } from '#workflow';
import { CandidateAccess } from '../access/candidate-access.js';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { SubjectRegistry } from '../lookup/subjects.js';
import { earlierRecognitionsOf, repeatRecognitionOf, requireJustification } from '../lookup/repeat-recognition.js';
import { MovementLinks } from '../movements/movement-links.service.js';
import { UnitRepository } from '../units/unit.repository.js';
import { Candidate } from './candidate.entity.js';
import { CandidateRepository } from './candidate.repository.js';
import { candidateView } from './candidate.views.js';
import type { CreateCandidateDto } from './dto/create-candidate.dto.js';
import { CandidateWomenShare } from './candidate-women-share.entity.js';
import type { ListCandidatesQuery } from './dto/list-candidates.query.js';
import { candidateStream } from '../audit/streams.js';
import { reachOf, type Reach } from '../access/unit-reach.js';
import type { CandidateDetail, CandidatePage, NominatedCandidate } from '#contracts';

/** The event type of a candidate's first audit record: its discovery. Not a statechart event. */
export const DISCOVERED_EVENT = 'DISCOVER';

@Injectable()
export class CandidatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly access: CandidateAccess,
    private readonly clock: Clock,
    private readonly links: MovementLinks,
    private readonly subjects: SubjectRegistry,
    private readonly candidates: CandidateRepository,
    private readonly units: UnitRepository,
  ) {}

  /** Records a newly discovered candidate in its initial state, with the first record of its audit stream. */
  async discover(dto: CreateCandidateDto, actor: Actor): Promise<NominatedCandidate> {
    await this.access.assertMayNominateIn(actor, dto.unitId);
    return this.dataSource.transaction(async (em) => {
      // A shared lock keeps the unit from changing under the new candidate; it does not block other nominations.
      const unit = await this.units.lockShared(em, dto.unitId);
      if (!unit) throw new DomainError('REFERENCED_UNIT_NOT_FOUND', { field: 'unitId', unitId: dto.unitId });
      // A unit merged, split or dissolved takes no new candidates: its successor does.
      if (unit.status === 'RETIRED') throw new DomainError('UNIT_RETIRED', { field: 'unitId', fieldLabel: { vi: 'Đơn vị', en: 'Unit' }, unitId: unit.id, unitName: unit.name });
      // The movements it leads and where it was discovered (locks the movements to link), and its subject.
      const movements = await this.links.checkNomination(em, actor, unit.path, dto);
      const subject = await this.subjects.resolve(em, actor, dto);
      const started = startCandidate({ kind: dto.kind });
      const now = this.clock.now();
      const candidate = em.create(Candidate, {
        id: randomUUID(),
        kind: dto.kind,
        name: dto.name,
        unitId: unit.id,
        homeUnitId: null,
        field: dto.field,
        year: dto.year,
        discoveryChannel: dto.discoveryChannel,
        achievement: dto.achievement,
        subjectId: subject.subjectId,
        discoveredAtMovementId: movements.discoveredAt?.movementId ?? null,
        discoveredAtReviewId: movements.discoveredAt?.reviewId ?? null,
        state: started.state,
        snapshot: started.snapshot,
        machineVersion: started.machineVersion,
        version: 1,
        createdBy: actor.username,
        createdAt: now,
        updatedAt: now,
      });
      await this.candidates.insert(em, candidate);
      if (dto.womenSharePercent !== undefined) {
        await em.insert(CandidateWomenShare, { candidateId: candidate.id, percent: dto.womenSharePercent, recordedBy: actor.username, recordedAt: now });
      }
      // "One achievement, one recognition": flagged; the same year or achievement again needs the unit head's
      // justification (Luật 2022 Điều 5). The flags and the justification go into the audit record too.
      const warnings = await this.subjects.warnings(em, subject.subjectId, candidate);
      if (warnings.some((w) => w.code === 'REPEATS_RECOGNISED_ACHIEVEMENT')) {
        requireJustification(await earlierRecognitionsOf(em, candidate.id), dto.repeatJustification, 'repeatJustification');
      }
      const subjectId = subject.subjectId ?? candidate.id;
      await this.audit.append(em, {
        stream: candidateStream(candidate.id),
        candidateId: candidate.id,
        eventType: DISCOVERED_EVENT,
        payload: {
          ...dto,
          subjectId,
          subjectMatchedBy: subject.matchedBy,
          ...(warnings.length ? { warnings: warnings.map((w) => ({ code: w.code, candidateId: w.candidateId })) } : {}),
        },
        fromState: null,
        toState: started.state,
        actor: actor.username,
        occurredAt: now,
        machineVersion: started.machineVersion,
      });
      await this.links.linkAtNomination(em, actor, candidate.id, movements.links, now);
      return {
        ...candidateView(candidate, unit),
        subject: { ...subject, id: subjectId },
        movements: movements.links.map((m) => ({ id: m.id, name: m.name })),
        discoveredAt: movements.discoveredAt,
        warnings,
      };
    });
  }

  async get(id: string, actor: Actor): Promise<CandidateDetail> {
    await this.access.assertReadable(actor, id);
    const candidate = await this.candidates.findWithUnit(this.dataSource.manager, id);
    if (!candidate) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId: id });
    const { movements } = await this.links.forCandidate(id);
    const repeatRecognition = await repeatRecognitionOf(this.dataSource.manager, id);
    return {
      repeatRecognition,
      openHolds: candidate.snapshot.context.openHolds ?? 0,
      ...candidateView(candidate, candidate.unit),
      subjectId: candidate.subjectId ?? candidate.id,
      discoveredAt: candidate.discoveredAtMovementId ? { movementId: candidate.discoveredAtMovementId, reviewId: candidate.discoveredAtReviewId } : null,
      movements: movements.map((m) => ({ id: m.id, name: m.name, status: m.status })),
    };
  }

  async list(query: ListCandidatesQuery, actor: Actor): Promise<CandidatePage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const db = this.dataSource.manager;
    // A unit head sees the candidates of their own unit and the units below it, nothing else.
    const within: Reach[] = [reachOf(actor)];
    if (query.unitId) {
      // The named unit's subtree (an unknown unit matches nothing).
      const path = await this.units.pathOf(db, query.unitId);
      within.push(path === null ? { kind: 'nothing' } : { kind: 'subtree', path });
    }
    const { rows, total } = await this.candidates.page(
      db,
      { state: query.state, kind: query.kind, field: query.field, year: query.year, nameContains: query.q, within },
      { number: page, size: pageSize },
    );
    return { total, page, pageSize, items: rows.map((c) => candidateView(c, c.unit)) };
  }
}
