import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { CandidateTransitions, type TransitionResult } from '../transitions/candidate-transitions.service.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { EVIDENCE_TYPES, cleanFileName, extensionOf } from './evidence-policy.js';
import { Candidate } from '../candidates/candidate.entity.js';

export interface IncomingFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export function evidenceView(e: EvidenceFile) {
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

/** Owns evidence files: stored in PostgreSQL with their SHA-256, attached through the statechart. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: CandidateTransitions,
  ) {}

  async attach(candidateId: string, file: IncomingFile | undefined, actor: Actor, expectedVersion?: number): Promise<TransitionResult & { evidence: ReturnType<typeof evidenceView> }> {
    if (!file || file.size === 0) throw new DomainError('EVIDENCE_FILE_MISSING', { field: 'file' });
    const fileName = cleanFileName(file.originalname);
    const contentType = file.mimetype.toLowerCase().split(';')[0]!.trim();
    const policy = EVIDENCE_TYPES[contentType];
    if (!policy) throw new DomainError('EVIDENCE_TYPE_NOT_ALLOWED', { field: 'file', contentType, allowed: Object.keys(EVIDENCE_TYPES) });
    if (!policy.extensions.includes(extensionOf(fileName)) || !policy.magic(file.buffer)) {
      throw new DomainError(
        'EVIDENCE_TYPE_NOT_ALLOWED',
        { field: 'file', contentType },
        { vi: 'Nội dung hoặc phần mở rộng của tệp không khớp với loại tệp khai báo.', en: 'The file’s content or extension does not match its declared type.' },
      );
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const evidenceId = randomUUID();
    let stored: EvidenceFile | undefined;
    const result = await this.transitions.send({
      candidateId,
      expectedVersion,
      actor,
      event: { type: 'ATTACH_EVIDENCE', evidenceId, fileName, contentType, sizeBytes: file.size, sha256 },
      effect: async ({ em, now }) => {
        stored = em.create(EvidenceFile, {
          id: evidenceId,
          candidateId,
          fileName,
          contentType,
          sizeBytes: file.size,
          sha256,
          content: file.buffer,
          uploadedBy: actor.username,
          uploadedAt: now,
        });
        await em.insert(EvidenceFile, stored);
      },
    });
    return { ...result, evidence: evidenceView(stored!) };
  }

  async list(candidateId: string) {
    const exists = await this.dataSource.getRepository(Candidate).exists({ where: { id: candidateId } });
    if (!exists) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    const files = await this.dataSource.getRepository(EvidenceFile).find({ where: { candidateId }, order: { uploadedAt: 'ASC' } });
    return files.map(evidenceView);
  }

  async content(candidateId: string, evidenceId: string): Promise<EvidenceFile & { content: Buffer }> {
    const file = await this.dataSource
      .getRepository(EvidenceFile)
      .createQueryBuilder('e')
      .addSelect('e.content')
      .where('e.id = :evidenceId AND e.candidateId = :candidateId', { evidenceId, candidateId })
      .getOne();
    if (!file?.content) throw new DomainError('EVIDENCE_NOT_FOUND', { candidateId, evidenceId });
    return file as EvidenceFile & { content: Buffer };
  }
}
