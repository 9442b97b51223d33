/**
 * The SQL of councils: which council a unit, an account, a candidate or a session belongs to, and the councils'
 * rows, compositions and upward proposals. Reads and inserts only (the tables are append-only); the tie of an
 * account to the council it serves is the one column it updates, from a published composition.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { UnitLevel } from '#domain';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { Council, CouncilComposition, UpwardProposal, type CompositionSeat } from './council.entities.js';
import { councilNameSql, councilUnitSql } from './council-setup.js';

/** A council with the unit it belongs to. */
export interface CouncilRow {
  id: string;
  unitId: string;
  unitName: string;
  unitLevel: UnitLevel;
  unitPath: string;
  /** The day its unit stopped (merged into a unit with a council of its own, dissolved); null while it is active. */
  unitRetiredOn: string | null;
  name: string;
  createdBy: string;
  createdAt: Date;
}

export interface CompositionRow {
  id: string;
  councilId: string;
  version: number;
  members: CompositionSeat[];
  secretariat: string[];
  note: string | null;
  publishedBy: string;
  publishedAt: Date;
}

export interface SeatAccount {
  id: string;
  displayName: string;
  role: string;
  unitId: string | null;
  unitName: string | null;
  disabledAt: Date | null;
  councilId: string | null;
}

export interface ProposalRow {
  id: string;
  lowerCandidateId: string;
  upperCandidateId: string;
  candidateName: string;
  candidateKind: string;
  unitId: string;
  unitName: string;
  fromCouncilId: string;
  fromCouncilName: string;
  toCouncilId: string;
  toCouncilName: string;
  lowerSessionId: string;
  lowerDecisionId: string | null;
  upperState: string;
  reasons: string;
  proposedBy: string;
  proposedAt: Date;
}

const COUNCIL_COLUMNS = `c.id, u.id AS "unitId", u.name AS "unitName", u.level AS "unitLevel", u.path AS "unitPath", u.retired_on::text AS "unitRetiredOn", ${councilNameSql('c')} AS name, c.created_by AS "createdBy", c.created_at AS "createdAt"`;

@Injectable()
export class CouncilRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  async all(em: EntityManager = this.reader): Promise<CouncilRow[]> {
    return (await em.query(`SELECT ${COUNCIL_COLUMNS} FROM council c JOIN unit u ON u.id = ${councilUnitSql('c')} ORDER BY (u.status = 'RETIRED'), length(u.path), u.name, c.id`)) as CouncilRow[];
  }

  async byId(em: EntityManager, id: string): Promise<CouncilRow | null> {
    const [row] = (await em.query(`SELECT ${COUNCIL_COLUMNS} FROM council c JOIN unit u ON u.id = ${councilUnitSql('c')} WHERE c.id = $1`, [id])) as CouncilRow[];
    return row ?? null;
  }

  async ofUnit(em: EntityManager, unitId: string): Promise<CouncilRow | null> {
    const [row] = (await em.query(`SELECT ${COUNCIL_COLUMNS} FROM council c JOIN unit u ON u.id = ${councilUnitSql('c')} WHERE u.id = $1`, [unitId])) as CouncilRow[];
    return row ?? null;
  }

  /** The nearest council at or above the unit of this path (its own unit's, else its parent's, …). */
  async nearestAt(em: EntityManager, unitPath: string): Promise<CouncilRow | null> {
    const [row] = (await em.query(
      `SELECT ${COUNCIL_COLUMNS} FROM council c JOIN unit u ON u.id = ${councilUnitSql('c')} WHERE $1 LIKE u.path || '%' ORDER BY length(u.path) DESC LIMIT 1`,
      [unitPath],
    )) as CouncilRow[];
    return row ?? null;
  }

  /** The nearest council strictly above a council's unit: the parent level an exemplar is proposed to. */
  async parentOf(em: EntityManager, council: CouncilRow): Promise<CouncilRow | null> {
    const [row] = (await em.query(
      `SELECT ${COUNCIL_COLUMNS} FROM council c JOIN unit u ON u.id = ${councilUnitSql('c')} WHERE $1 LIKE u.path || '%' AND u.path <> $1 ORDER BY length(u.path) DESC LIMIT 1`,
      [council.unitPath],
    )) as CouncilRow[];
    return row ?? null;
  }

  /** The province's council: the council of the first root unit (sessions opened before councils existed are its). */
  async province(em: EntityManager): Promise<CouncilRow | null> {
    const [row] = (await em.query(
      `SELECT ${COUNCIL_COLUMNS} FROM council c JOIN unit u ON u.id = ${councilUnitSql('c')} WHERE u.parent_id IS NULL ORDER BY u.created_at, u.id LIMIT 1`,
    )) as CouncilRow[];
    return row ?? null;
  }

  /**
   * Refuses a secretariat account's change to a session of a council it does not serve: a commune's secretariat
   * works on its commune council's sessions, not the province's. Every write of a session calls it in its
   * transaction (SessionChanges.record, and the clearances, which write to the session's stream themselves).
   */
  async requireSecretariatOf(em: EntityManager, sessionId: string, actor: Pick<Actor, 'role' | 'accountId'>): Promise<void> {
    if (actor.role !== 'COUNCIL_SECRETARY') return;
    const [session] = (await em.query(`SELECT council_id AS "councilId" FROM review_session WHERE id = $1`, [sessionId])) as { councilId: string | null }[];
    if (!session?.councilId) return;
    const served = await this.servedBy(em, actor.accountId);
    if (served?.id !== session.councilId) throw new DomainError('SESSION_OF_ANOTHER_COUNCIL', { sessionId, councilId: session.councilId });
  }

  /** The council an account serves: the one a composition tied it to, else the nearest at or above its unit, else the province's. */
  async servedBy(em: EntityManager, accountId: string): Promise<CouncilRow | null> {
    const [account] = (await em.query(`SELECT a.council_id AS "councilId", u.path FROM account a LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = $1`, [accountId])) as {
      councilId: string | null;
      path: string | null;
    }[];
    if (!account) return null;
    if (account.councilId) return this.byId(em, account.councilId);
    return (account.path ? await this.nearestAt(em, account.path) : null) ?? this.province(em);
  }

  /** The council that reviews a candidate: the level chosen for it, else the nearest at or above its unit. */
  async reviewing(em: EntityManager, candidateId: string): Promise<CouncilRow | null> {
    const [candidate] = (await em.query(`SELECT c.council_id AS "councilId", u.path FROM candidate c JOIN unit u ON u.id = c.unit_id WHERE c.id = $1`, [candidateId])) as {
      councilId: string | null;
      path: string;
    }[];
    if (!candidate) return null;
    if (candidate.councilId) return this.byId(em, candidate.councilId);
    return this.nearestAt(em, candidate.path);
  }

  /** A session's council (a session opened before councils existed is the province's). */
  async ofSession(em: EntityManager, sessionId: string): Promise<CouncilRow | null> {
    const [session] = (await em.query(`SELECT council_id AS "councilId" FROM review_session WHERE id = $1`, [sessionId])) as { councilId: string | null }[];
    if (!session) return null;
    return session.councilId ? this.byId(em, session.councilId) : this.province(em);
  }

  async insert(em: EntityManager, council: Council): Promise<void> {
    await em.insert(Council, council);
  }

  async latestComposition(em: EntityManager, councilId: string): Promise<CompositionRow | null> {
    const [row] = (await em.query(
      `SELECT id, council_id AS "councilId", version, members, secretariat, note, published_by AS "publishedBy", published_at AS "publishedAt"
         FROM council_composition WHERE council_id = $1 ORDER BY version DESC LIMIT 1`,
      [councilId],
    )) as CompositionRow[];
    return row ?? null;
  }

  /**
   * The names a council bore before the one it bears today, oldest first, each with the day the next one took over
   * (the effective date of the transfer that renamed it): its set-up name, then each renaming transfer's.
   */
  async formerNames(em: EntityManager, councilId: string): Promise<{ name: string; replacedOn: string }[]> {
    const rows = (await em.query(
      `SELECT c.name AS "setUpName", t.council_name AS "nameAfter", t.effective_on::text AS "effectiveOn"
         FROM council c JOIN council_transfer t ON t.council_id = c.id AND t.council_name IS NOT NULL
        WHERE c.id = $1 ORDER BY t.recorded_at, t.id`,
      [councilId],
    )) as { setUpName: string; nameAfter: string; effectiveOn: string }[];
    return rows.map((r, i) => ({ name: i === 0 ? r.setUpName : rows[i - 1]!.nameAfter, replacedOn: r.effectiveOn }));
  }

  async compositions(em: EntityManager, councilId: string): Promise<CompositionRow[]> {
    return (await em.query(
      `SELECT id, council_id AS "councilId", version, members, secretariat, note, published_by AS "publishedBy", published_at AS "publishedAt"
         FROM council_composition WHERE council_id = $1 ORDER BY version DESC`,
      [councilId],
    )) as CompositionRow[];
  }

  async insertComposition(em: EntityManager, composition: CouncilComposition): Promise<void> {
    await em.insert(CouncilComposition, composition);
  }

  async accounts(em: EntityManager, ids: string[]): Promise<SeatAccount[]> {
    return (await em.query(
      `SELECT a.id, a.display_name AS "displayName", a.role, a.unit_id AS "unitId", u.name AS "unitName", a.disabled_at AS "disabledAt", a.council_id AS "councilId"
         FROM account a LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = ANY($1::uuid[])`,
      [ids],
    )) as SeatAccount[];
  }

  /** Accounts listed in the composition in force of another council. */
  async seatedElsewhere(em: EntityManager, councilId: string, accountIds: string[]): Promise<{ accountId: string; councilId: string }[]> {
    return (await em.query(
      `WITH latest AS (SELECT DISTINCT ON (council_id) council_id, members, secretariat FROM council_composition WHERE council_id <> $1 ORDER BY council_id, version DESC)
       SELECT DISTINCT a.id AS "accountId", l.council_id AS "councilId" FROM latest l
         CROSS JOIN unnest($2::uuid[]) AS a(id)
        WHERE l.members @> jsonb_build_array(jsonb_build_object('accountId', a.id::text)) OR l.secretariat @> to_jsonb(ARRAY[a.id::text])`,
      [councilId, accountIds],
    )) as { accountId: string; councilId: string }[];
  }

  /** Ties the listed accounts to the council and unties those it no longer lists. */
  async tieAccounts(em: EntityManager, councilId: string, accountIds: string[]): Promise<void> {
    await em.query(`UPDATE account SET council_id = NULL WHERE council_id = $1 AND NOT (id = ANY($2::uuid[]))`, [councilId, accountIds]);
    await em.query(`UPDATE account SET council_id = $1 WHERE id = ANY($2::uuid[]) AND council_id IS DISTINCT FROM $1`, [councilId, accountIds]);
  }

  /** Active council members the council would seat by default: those tied to it or whose nearest council it is. */
  async defaultMembers(em: EntityManager, council: CouncilRow): Promise<SeatAccount[]> {
    const rows = (await em.query(
      `SELECT a.id, a.display_name AS "displayName", a.role, a.unit_id AS "unitId", u.name AS "unitName", a.disabled_at AS "disabledAt", a.council_id AS "councilId", u.path
         FROM account a LEFT JOIN unit u ON u.id = a.unit_id
        WHERE a.role = 'COUNCIL_MEMBER' AND a.disabled_at IS NULL ORDER BY a.display_name, a.id`,
    )) as (SeatAccount & { path: string | null })[];
    const served: SeatAccount[] = [];
    for (const row of rows) {
      const { path, ...account } = row;
      if (account.councilId) {
        if (account.councilId === council.id) served.push(account);
        continue;
      }
      const nearest = path ? await this.nearestAt(em, path) : await this.province(em);
      if (nearest?.id === council.id) served.push(account);
    }
    return served;
  }

  async insertProposal(em: EntityManager, proposal: UpwardProposal): Promise<void> {
    await em.insert(UpwardProposal, proposal);
  }

  async proposals(em: EntityManager = this.reader): Promise<ProposalRow[]> {
    return (await em.query(
      `SELECT p.id, p.lower_candidate_id AS "lowerCandidateId", p.upper_candidate_id AS "upperCandidateId", k.name AS "candidateName", k.kind AS "candidateKind",
              k.unit_id AS "unitId", u.name AS "unitName", p.from_council_id AS "fromCouncilId", ${councilNameSql('fc')} AS "fromCouncilName",
              p.to_council_id AS "toCouncilId", ${councilNameSql('tc')} AS "toCouncilName", p.lower_session_id AS "lowerSessionId", p.lower_decision_id AS "lowerDecisionId",
              up.state AS "upperState", p.reasons, p.proposed_by AS "proposedBy", p.proposed_at AS "proposedAt"
         FROM upward_proposal p
         JOIN candidate k ON k.id = p.lower_candidate_id
         JOIN candidate up ON up.id = p.upper_candidate_id
         JOIN unit u ON u.id = k.unit_id
         JOIN council fc ON fc.id = p.from_council_id
         JOIN council tc ON tc.id = p.to_council_id
        ORDER BY p.proposed_at DESC, p.id`,
    )) as ProposalRow[];
  }
}
