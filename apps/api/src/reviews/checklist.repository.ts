/**
 * The SQL of reviewers' checklists: append-only rows, a correction naming the checklist it corrects. The one in
 * force for a reviewer is the newest of their chain (no later row corrects it).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReviewChecklist, type CriterionMark } from './review.entities.js';

/** A checklist in force: the newest of its reviewer's chain. */
export interface ChecklistInForce {
  id: string;
  reviewerId: string;
  marks: CriterionMark[];
  submittedAt: Date;
}

/** A checklist of an item's history, with its reviewer's name and the checklist that corrected it, if any. */
export interface ChecklistRecord {
  id: string;
  reviewerId: string;
  reviewerName: string;
  criteriaSetId: string;
  marks: CriterionMark[];
  correctsId: string | null;
  correctedById: string | null;
  submittedAt: Date;
}

@Injectable()
export class ChecklistRepository {
  async inForce(em: EntityManager, itemId: string): Promise<ChecklistInForce[]> {
    return (await em.query(
      `SELECT k.id, k.reviewer_id AS "reviewerId", k.marks, k.submitted_at AS "submittedAt"
         FROM review_checklist k
        WHERE k.item_id = $1 AND NOT EXISTS (SELECT 1 FROM review_checklist n WHERE n.corrects_id = k.id)
        ORDER BY k.submitted_at, k.id`,
      [itemId],
    )) as ChecklistInForce[];
  }

  /** Every checklist of an item, oldest first. */
  async history(em: EntityManager, itemId: string): Promise<ChecklistRecord[]> {
    return (await em.query(
      `SELECT k.id, k.reviewer_id AS "reviewerId", a.display_name AS "reviewerName", k.criteria_set_id AS "criteriaSetId", k.marks, k.corrects_id AS "correctsId", k.submitted_at AS "submittedAt",
              (SELECT n.id FROM review_checklist n WHERE n.corrects_id = k.id) AS "correctedById"
         FROM review_checklist k JOIN account a ON a.id = k.reviewer_id WHERE k.item_id = $1 ORDER BY k.submitted_at, k.id`,
      [itemId],
    )) as ChecklistRecord[];
  }

  async insert(em: EntityManager, checklist: Omit<ReviewChecklist, 'item' | 'reviewer' | 'criteriaSet' | 'corrects'>): Promise<void> {
    await em.insert(ReviewChecklist, checklist);
  }

  /** Of the evidence files named, those that belong to the candidate. */
  async evidenceOf(em: EntityManager, candidateId: string, evidenceIds: string[]): Promise<string[]> {
    const rows = (await em.query('SELECT id FROM evidence_file WHERE id = ANY($1::uuid[]) AND candidate_id = $2', [evidenceIds, candidateId])) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
