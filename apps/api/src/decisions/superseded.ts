/**
 * Which later decisions supersede a decision or one of its certificates, and the stamp its copy carries when
 * downloaded again: "ĐÃ THU HỒI theo Quyết định số …" when a revocation of its chain names those it printed (or
 * some of them), "ĐÃ ĐÍNH CHÍNH theo Quyết định số …" when a correction of it restates what it printed.
 */
import type { EntityManager } from 'typeorm';
import type { SupersededStamp } from '../documents/superseded-stamp.js';
import { chainOf, citationOf, type ChainDecision } from './decision-chain.js';

export interface Superseding {
  /** The revocations of the chain naming the exemplar (or any exemplar the decision names). */
  revokedBy: ChainDecision[];
  /** Whether the revocations cover everyone the decision names. */
  whollyRevoked: boolean;
  /** The corrections of this decision (restating the exemplar, for a certificate). */
  correctedBy: ChainDecision[];
}

export async function supersedingOf(em: EntityManager, decisionId: string, named: readonly string[]): Promise<Superseding> {
  const chain = await chainOf(em, decisionId);
  const revokedBy = chain.revocations.filter((r) => r.candidateIds.some((id) => named.includes(id)));
  const revokedIds = new Set(revokedBy.flatMap((r) => r.candidateIds));
  const corrections = chain.members.filter((d) => d.kind === 'CORRECTION' && d.amendsId === decisionId);
  let correctedBy = corrections;
  if (named.length === 1 && corrections.length > 0) {
    const rows = (await em.query(`SELECT decision_id AS id FROM decision_recipient WHERE candidate_id = $1 AND decision_id = ANY($2::uuid[])`, [named[0], corrections.map((c) => c.id)])) as {
      id: string;
    }[];
    correctedBy = corrections.filter((c) => rows.some((r) => r.id === c.id));
  }
  return { revokedBy, whollyRevoked: named.length > 0 && named.every((id) => revokedIds.has(id)), correctedBy };
}

/**
 * The stamp of a superseded copy of `of` (a decision, or one exemplar's certificate), or undefined for a copy in
 * force. A revocation outweighs a correction.
 */
export function stampOf(s: Superseding, of: SupersededStamp['of']): SupersededStamp | undefined {
  if (s.revokedBy.length > 0) {
    const what = s.whollyRevoked ? 'ĐÃ THU HỒI' : 'ĐÃ THU HỒI MỘT PHẦN';
    return {
      mark: 'ĐÃ THU HỒI',
      of,
      lines: [
        ...s.revokedBy.map((r) => `${what} theo Quyết định số ${citationOf(r)}`),
        ...s.correctedBy.map((c) => `ĐÃ ĐÍNH CHÍNH theo Quyết định số ${citationOf(c)}`),
      ],
    };
  }
  if (s.correctedBy.length > 0) return { mark: 'ĐÃ ĐÍNH CHÍNH', of, lines: s.correctedBy.map((c) => `ĐÃ ĐÍNH CHÍNH theo Quyết định số ${citationOf(c)}`) };
  return undefined;
}
