/** Owns evidence files: stored in PostgreSQL with their SHA-256, attached through the statechart. */
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AttachedEvidence, EvidenceView } from '#contracts';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { CandidateRepository } from '../candidates/candidate.repository.js';
import { CandidateTransitions } from '../transitions/candidate-transitions.service.js';
import { EVIDENCE_TYPES, cleanFileName, evidenceTypeOf, extensionOf } from './evidence-policy.js';
import { EvidenceRepository, type StoredEvidence } from './evidence.repository.js';

export interface IncomingFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export function evidenceView(e: StoredEvidence): EvidenceView {
  return {
    id: e.id,
    candidateId: e.candidateId,
    fileName: e.fileName,
    contentType: e.contentType,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    uploadedBy: e.uploadedBy,
    uploadedAt: e.uploadedAt.toISOString(),
  };
}

@Injectable()
export class EvidenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: CandidateTransitions,
    private readonly candidates: CandidateRepository,
    private readonly evidence: EvidenceRepository,
  ) {}

  /**
   * Checks the file against the evidence policy and sends ATTACH_EVIDENCE with its facts; the statechart's
   * storeEvidence effect stores it, bytes included, in the event's transaction.
   */
  async attach(candidateId: string, file: IncomingFile | undefined, actor: Actor, expectedVersion?: number): Promise<AttachedEvidence> {
    if (!file || file.size === 0) throw new DomainError('EVIDENCE_FILE_MISSING', { field: 'file' });
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
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const evidenceId = randomUUID();
    return this.dataSource.transaction(async (em) => {
      const result = await this.transitions.sendWithin(em, {
        candidateId,
        expectedVersion,
        actor,
        event: { type: 'ATTACH_EVIDENCE', evidenceId, fileName, contentType, sizeBytes: file.size, sha256 },
        fileContent: file.buffer,
      });
      const stored = await this.evidence.find(em, candidateId, evidenceId);
      if (!stored) throw new Error(`ATTACH_EVIDENCE ${evidenceId} was accepted but stored no file`);
      return { ...result, evidence: evidenceView(stored) };
    });
  }

  async list(candidateId: string): Promise<EvidenceView[]> {
    const db = this.dataSource.manager;
    if (!(await this.candidates.exists(db, candidateId))) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    return (await this.evidence.listOf(db, candidateId)).map(evidenceView);
  }

  async content(candidateId: string, evidenceId: string): Promise<StoredEvidence & { content: Buffer }> {
    const file = await this.evidence.withContent(this.dataSource.manager, candidateId, evidenceId);
    if (!file) throw new DomainError('EVIDENCE_NOT_FOUND', { candidateId, evidenceId });
    return file;
  }
}
