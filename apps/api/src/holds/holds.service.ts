/**
 * Holds on candidates (tạm dừng xét, NĐ 152/2025/NĐ-CP Điều 4.4): placing one and lifting it are statechart events
 * (PLACE_HOLD, LIFT_HOLD) sent through CandidateTransitions, so the candidate's open-hold count, the hold's row and
 * the audit record move together in one transaction. This service checks the document's file against the evidence
 * policy, chooses the hold's id and shapes the answers; it never writes a hold itself.
 *
 * A recognised exemplar takes no hold: the recognition stands until a revocation decision (REVOKE_RECOGNITION)
 * undoes it; the refusal says so rather than only "not possible in this state".
 */
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { HOLD_KINDS, type HoldDocument } from '#workflow';
import type { HoldChanged, HoldList } from '#contracts';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { CandidateRepository } from '../candidates/candidate.repository.js';
import { CandidateTransitions } from '../transitions/candidate-transitions.service.js';
import { EVIDENCE_TYPES, cleanFileName, evidenceTypeOf, extensionOf } from '../evidence/evidence-policy.js';
import type { IncomingFile } from '../evidence/evidence.service.js';
import { RECOGNISED_STATES } from '../replication/replication.service.js';
import type { LiftHoldForm, PlaceHoldForm } from './dto/hold.dto.js';
import { HoldRepository, type StoredHold } from './hold.repository.js';
import { holdView } from './hold.views.js';
import { Notifications } from '../notifications/notifications.js';

/** States after a recognition was issued (or revoked): a hold there would undo nothing and is refused. */
const AFTER_RECOGNITION: readonly string[] = [...RECOGNISED_STATES, 'revoked'];

@Injectable()
export class HoldsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: CandidateTransitions,
    private readonly candidates: CandidateRepository,
    private readonly holds: HoldRepository,
    private readonly notifications: Notifications,
  ) {}

  /** Tells the candidate's unit heads and the council's secretariat, in the hold's own transaction. */
  private async tell(em: EntityManager, candidateId: string, hold: { kind: string }, lifted: boolean): Promise<void> {
    const [row] = (await em.query('SELECT name FROM candidate WHERE id = $1', [candidateId])) as { name: string }[];
    const kind = HOLD_KINDS.find((k) => k.code === hold.kind);
    const to = [...(await this.notifications.unitHeadsOfCandidate(em, candidateId)), ...(await this.notifications.withRoles(em, ['COUNCIL_SECRETARY']))];
    await this.notifications.notify(em, {
      kind: 'HOLD_CHANGED',
      to,
      title: lifted ? { vi: `Chấm dứt tạm dừng xét: ${row?.name ?? ''}`, en: `Hold lifted: ${row?.name ?? ''}` } : { vi: `Tạm dừng xét: ${row?.name ?? ''}`, en: `Placed on hold: ${row?.name ?? ''}` },
      body: lifted
        ? { vi: `Trường hợp "${kind?.vi ?? hold.kind}" đã có kết luận; hồ sơ có thể tiếp tục được xét nếu không còn trường hợp tạm dừng nào khác.`, en: `The "${kind?.en ?? hold.kind}" hold has its conclusion; the candidate may be reviewed again unless another hold is open.` }
        : { vi: `Hồ sơ bị tạm dừng xét (${kind?.vi ?? hold.kind}) theo Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4: không được đề nghị, biểu quyết hay công nhận cho đến khi có kết luận.`, en: `The candidate is on hold (${kind?.en ?? hold.kind}, Decree 152/2025 Art. 4.4): it cannot be proposed, voted on or recognised until a conclusion.` },
      link: `/ho-so/${candidateId}`,
    });
  }

  async list(candidateId: string): Promise<HoldList> {
    const db = this.dataSource.manager;
    if (!(await this.candidates.exists(db, candidateId))) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    const holds = (await this.holds.listOf(db, candidateId)).map(holdView);
    return { open: holds.filter((h) => !h.lifted).length, holds };
  }

  place(candidateId: string, form: PlaceHoldForm, file: IncomingFile | undefined, actor: Actor): Promise<HoldChanged> {
    const document = { ...documentOf(form), ...fileFacts(file) };
    const holdId = randomUUID();
    return this.dataSource.transaction(async (em) => {
      await this.refuseAfterRecognition(em, candidateId);
      const result = await this.transitions.sendWithin(em, {
        candidateId,
        expectedVersion: form.expectedVersion,
        actor,
        event: { type: 'PLACE_HOLD', holdId, kind: form.kind, grounds: form.grounds, ...document },
        fileContent: file?.buffer,
      });
      await this.tell(em, candidateId, { kind: form.kind }, false);
      return { ...result, hold: holdView(await this.stored(em, candidateId, holdId)) };
    });
  }

  lift(candidateId: string, holdId: string, form: LiftHoldForm, file: IncomingFile | undefined, actor: Actor): Promise<HoldChanged> {
    const document = { ...documentOf(form), ...fileFacts(file) };
    return this.dataSource.transaction(async (em) => {
      // Named first so that an unknown or lifted hold is told as such, whatever the candidate's count says.
      const hold = await this.holds.find(em, candidateId, holdId);
      if (!hold) throw new DomainError('HOLD_NOT_FOUND', { field: 'holdId', holdId });
      if (hold.lifted) throw new DomainError('HOLD_ALREADY_LIFTED', { holdId, liftedAt: hold.lifted.liftedAt.toISOString() });
      const result = await this.transitions.sendWithin(em, {
        candidateId,
        expectedVersion: form.expectedVersion,
        actor,
        event: { type: 'LIFT_HOLD', holdId, conclusion: form.conclusion, ...document },
        fileContent: file?.buffer,
      });
      await this.tell(em, candidateId, hold, true);
      return { ...result, hold: holdView(await this.stored(em, candidateId, holdId)) };
    });
  }

  async document(candidateId: string, holdId: string, of: 'hold' | 'lift') {
    const file = await this.holds.documentContent(this.dataSource.manager, candidateId, holdId, of);
    if (!file) throw new DomainError('HOLD_NOT_FOUND', { holdId, document: of });
    return file;
  }

  private async refuseAfterRecognition(em: EntityManager, candidateId: string): Promise<void> {
    const state = await this.candidates.stateOf(em, candidateId);
    if (state === undefined) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    if (AFTER_RECOGNITION.includes(state)) throw new DomainError('HOLD_AFTER_RECOGNITION', { state });
  }

  private async stored(em: EntityManager, candidateId: string, holdId: string): Promise<StoredHold> {
    const hold = await this.holds.find(em, candidateId, holdId);
    if (!hold) throw new Error(`Hold ${holdId} was accepted but not stored`);
    return hold;
  }
}

function documentOf(form: { documentNumber: string; documentDate: string; documentIssuer: string }): HoldDocument {
  return { documentNumber: form.documentNumber, documentDate: form.documentDate, documentIssuer: form.documentIssuer };
}

/** The uploaded document's facts, checked like evidence (declared type, extension and first bytes agree). */
function fileFacts(file: IncomingFile | undefined): Partial<HoldDocument> {
  if (!file) return {};
  if (file.size === 0) throw new DomainError('EVIDENCE_FILE_MISSING', { field: 'file' });
  const fileName = cleanFileName(file.originalname);
  const declared = file.mimetype.toLowerCase().split(';')[0]!.trim();
  const contentType = evidenceTypeOf(declared);
  if (!contentType) throw new DomainError('EVIDENCE_TYPE_NOT_ALLOWED', { field: 'file', contentType: declared, allowed: Object.keys(EVIDENCE_TYPES) });
  const policy = EVIDENCE_TYPES[contentType];
  if (!policy.extensions.includes(extensionOf(fileName)) || !policy.magic(file.buffer)) {
    throw new DomainError(
      'EVIDENCE_TYPE_NOT_ALLOWED',
      { field: 'file', contentType },
      { vi: 'Nội dung hoặc phần mở rộng của tệp không khớp với loại tệp khai báo.', en: 'The file’s content or extension does not match its declared type.' },
    );
  }
  return { fileName, contentType, sizeBytes: file.size, sha256: createHash('sha256').update(file.buffer).digest('hex') };
}
