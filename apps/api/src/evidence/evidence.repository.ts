/**
 * The SQL of evidence files: the file stored as the statechart's storeEvidence effect, inside the event's
 * transaction, and the reads of the list and the download. The bytes are loaded only by `withContent`. Every
 * method takes the EntityManager it runs on: the transaction's inside one, `dataSource.manager` outside. Holds no
 * state, so the effects, which run outside Nest's injection, use an instance of their own.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EvidenceFile } from './evidence-file.entity.js';

/** An evidence file without its bytes (what every read but the download returns). */
export type StoredEvidence = Omit<EvidenceFile, 'content' | 'candidate'>;

@Injectable()
export class EvidenceRepository {
  async add(em: EntityManager, file: StoredEvidence & { content: Buffer }): Promise<void> {
    await em.insert(EvidenceFile, file);
  }

  find(db: EntityManager, candidateId: string, id: string): Promise<StoredEvidence | null> {
    return db.findOneBy(EvidenceFile, { id, candidateId });
  }

  /** Whether the file is one of the candidate's. */
  belongsTo(db: EntityManager, candidateId: string, id: string): Promise<boolean> {
    return db.exists(EvidenceFile, { where: { id, candidateId } });
  }

  /** The candidate's files in the order they were uploaded. */
  listOf(db: EntityManager, candidateId: string): Promise<StoredEvidence[]> {
    return db.find(EvidenceFile, { where: { candidateId }, order: { uploadedAt: 'ASC' } });
  }

  /** The file with its bytes, or null when the candidate has no such file. */
  async withContent(db: EntityManager, candidateId: string, id: string): Promise<(StoredEvidence & { content: Buffer }) | null> {
    const file = await db
      .createQueryBuilder(EvidenceFile, 'e')
      .addSelect('e.content')
      .where('e.id = :id AND e.candidateId = :candidateId', { id, candidateId })
      .getOne();
    return file?.content ? (file as StoredEvidence & { content: Buffer }) : null;
  }
}
