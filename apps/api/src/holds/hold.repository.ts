/**
 * The SQL of holds and their liftings: rows are only ever added (the database refuses UPDATE and DELETE). Every
 * method takes the EntityManager it runs on. Holds no state, so the effects use an instance of their own.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CandidateHold, CandidateHoldLift } from './hold.entities.js';

export type NewHold = Omit<CandidateHold, 'candidate'>;
export type NewHoldLift = Omit<CandidateHoldLift, 'candidate' | 'hold'>;
export type StoredHold = Omit<CandidateHold, 'candidate' | 'content'> & { lifted: Omit<CandidateHoldLift, 'candidate' | 'hold' | 'content'> | null };

@Injectable()
export class HoldRepository {
  async addHold(em: EntityManager, hold: NewHold): Promise<void> {
    await em.insert(CandidateHold, hold);
  }

  async addLift(em: EntityManager, lift: NewHoldLift): Promise<void> {
    await em.insert(CandidateHoldLift, lift);
  }

  /** The candidate's holds with their liftings, oldest first. */
  async listOf(em: EntityManager, candidateId: string): Promise<StoredHold[]> {
    const holds = await em.find(CandidateHold, { where: { candidateId }, order: { placedAt: 'ASC', id: 'ASC' } });
    const lifts = await em.find(CandidateHoldLift, { where: { candidateId } });
    const byHold = new Map(lifts.map((l) => [l.holdId, l]));
    return holds.map((h) => ({ ...h, lifted: byHold.get(h.id) ?? null }));
  }

  async find(em: EntityManager, candidateId: string, holdId: string): Promise<StoredHold | undefined> {
    const hold = await em.findOne(CandidateHold, { where: { id: holdId, candidateId } });
    if (!hold) return undefined;
    const lifted = await em.findOne(CandidateHoldLift, { where: { holdId } });
    return { ...hold, lifted };
  }

  /** The bytes of a hold's document (or of its lifting's), with its facts; undefined when there is no file. */
  async documentContent(em: EntityManager, candidateId: string, holdId: string, of: 'hold' | 'lift'): Promise<{ fileName: string; contentType: string; sha256: string; content: Buffer } | undefined> {
    const table = of === 'hold' ? 'candidate_hold' : 'candidate_hold_lift';
    const key = of === 'hold' ? 'id' : 'hold_id';
    const rows = (await em.query(
      `SELECT file_name AS "fileName", content_type AS "contentType", sha256, content FROM ${table} WHERE ${key} = $1 AND candidate_id = $2 AND content IS NOT NULL`,
      [holdId, candidateId],
    )) as { fileName: string; contentType: string; sha256: string; content: Buffer | Uint8Array }[];
    const row = rows[0];
    return row ? { ...row, content: Buffer.from(row.content) } : undefined;
  }
}
