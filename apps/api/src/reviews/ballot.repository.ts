/**
 * The SQL of the vote: who voted on a candidate and how they took part (council_vote; the choice too in an open
 * ballot), and for a secret ballot the candidate's urn (ballot_box), rewritten under a row lock at each cast.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BallotBox, CouncilVote, type SealedBallot } from './review.entities.js';

/** A vote as it counts: the member and, in an open ballot, the choice (null in a secret one). */
export type CountedVote = Pick<CouncilVote, 'memberId' | 'choice'>;

/** A vote with its member's name, for the ballots shown after the vote. */
export type NamedVote = Pick<CouncilVote, 'memberId' | 'mode' | 'choice' | 'opinion' | 'castAt'> & { displayName: string };

@Injectable()
export class BallotRepository {
  async votes(em: EntityManager, itemId: string): Promise<CountedVote[]> {
    return (await em.query('SELECT member_id AS "memberId", choice FROM council_vote WHERE item_id = $1', [itemId])) as CountedVote[];
  }

  /** Who voted on an item and how they took part. */
  async participation(em: EntityManager, itemId: string): Promise<Pick<CouncilVote, 'memberId' | 'mode'>[]> {
    return (await em.query('SELECT member_id AS "memberId", mode FROM council_vote WHERE item_id = $1', [itemId])) as Pick<CouncilVote, 'memberId' | 'mode'>[];
  }

  async namedVotes(em: EntityManager, itemId: string): Promise<NamedVote[]> {
    return (await em.query(
      `SELECT v.member_id AS "memberId", a.display_name AS "displayName", v.mode, v.choice, v.opinion, v.cast_at AS "castAt"
         FROM council_vote v JOIN account a ON a.id = v.member_id WHERE v.item_id = $1 ORDER BY a.display_name, v.member_id`,
      [itemId],
    )) as NamedVote[];
  }

  async hasVoted(em: EntityManager, itemId: string, memberId: string): Promise<boolean> {
    const rows = (await em.query('SELECT 1 FROM council_vote WHERE item_id = $1 AND member_id = $2', [itemId, memberId])) as unknown[];
    return rows.length > 0;
  }

  async insertVote(em: EntityManager, vote: Omit<CouncilVote, 'item' | 'member'>): Promise<void> {
    await em.insert(CouncilVote, vote);
  }

  /** Members of a session who voted on some candidate by written opinion (absent from the meeting). */
  async writtenOpinionVoters(em: EntityManager, sessionId: string): Promise<string[]> {
    const rows = (await em.query(`SELECT DISTINCT v.member_id AS id FROM council_vote v JOIN review_item i ON i.id = v.item_id WHERE i.session_id = $1 AND v.mode = 'WRITTEN_OPINION'`, [
      sessionId,
    ])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  // ---- the urn of a secret ballot ----

  async createUrn(em: EntityManager, itemId: string): Promise<void> {
    await em.insert(BallotBox, { itemId, ballots: [], sealedAt: null });
  }

  /** The urn's ballots, locked until the cast's transaction ends. */
  async lockUrn(em: EntityManager, itemId: string): Promise<SealedBallot[] | null> {
    const [box] = (await em.query('SELECT ballots FROM ballot_box WHERE item_id = $1 FOR UPDATE', [itemId])) as { ballots: SealedBallot[] }[];
    return box?.ballots ?? null;
  }

  async urn(em: EntityManager, itemId: string): Promise<Pick<BallotBox, 'ballots' | 'sealedAt'> | null> {
    const [box] = (await em.query('SELECT ballots, sealed_at AS "sealedAt" FROM ballot_box WHERE item_id = $1', [itemId])) as Pick<BallotBox, 'ballots' | 'sealedAt'>[];
    return box ?? null;
  }

  async storeUrn(em: EntityManager, itemId: string, ballots: SealedBallot[]): Promise<void> {
    await em.query('UPDATE ballot_box SET ballots = $2 WHERE item_id = $1', [itemId, JSON.stringify(ballots)]);
  }

  /** Seals the urns of every candidate of a session when its vote closes. */
  async sealUrns(em: EntityManager, sessionId: string, at: Date): Promise<void> {
    await em.query('UPDATE ballot_box SET sealed_at = $2 WHERE item_id IN (SELECT id FROM review_item WHERE session_id = $1)', [sessionId, at]);
  }
}
