/** Owns evidence files: stored in PostgreSQL with their SHA-256, attached through the statechart. */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AttachedEvidence, EvidenceView } from '#contracts';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { CandidateRepository } from '../candidates/candidate.repository.js';
import { CandidateTransitions } from '../transitions/candidate-transitions.service.js';
import { acceptFile } from './evidence-policy.js';
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
    const { fileName, contentType, sha256 } = acceptFile(file);
    const evidenceId = randomUUID();
    return this.dataSource.transaction(async (em) => {
      const result = await this.transitions.sendWithin(em, {
        candidateId,
        expectedVersion,
        actor,
        event: { type: 'ATTACH_EVIDENCE', evidenceId, fileName, contentType, sizeBytes: file!.size, sha256 },
        fileContent: file!.buffer,
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
