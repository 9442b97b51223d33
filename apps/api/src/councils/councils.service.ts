/**
 * Councils at every level: setting one up for a unit, publishing its composition (members with positions and the
 * secretariat) as a new version, and reading them. A composition ties the accounts it lists to the council (the
 * council they serve, which scopes what they see) in the same transaction and audit record.
 *
 * Also owns the one step that brings a database from before councils into line: the province's council is set up
 * and the sessions and council accounts that existed are tied to it, audited, at the first start after the
 * migration (`adoptExisting`), so that nothing is stranded and no row changes behind the audit trail.
 */
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { CompositionView, CouncilDetail, CouncilView } from '#contracts';
import { peopleNamed } from '../audit/audit-names.js';
import { COUNCIL_POSITIONS, SINGLE_SEAT_POSITIONS, UNIT_LEVELS, labelsOf, positionRank } from '#domain';
import { AuditWriter } from '../audit/audit.writer.js';
import { councilStream } from '../audit/streams.js';
import { systemActor, type Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { CompositionSeat } from './council.entities.js';
import { CouncilRepository, type CompositionRow, type CouncilRow } from './council.repository.js';
import { councilUnitSql, setUpCouncil } from './council-setup.js';

const positionLabel = (position: CompositionSeat['position']) => {
  const { vi, en } = COUNCIL_POSITIONS.find((p) => p.code === position)!;
  return { vi, en };
};

@Injectable()
export class CouncilsService {
  private readonly log = new Logger('Councils');

  constructor(
    private readonly dataSource: DataSource,
    private readonly councils: CouncilRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<CouncilView[]> {
    const em = this.councils.reader;
    const rows = await this.councils.all(em);
    return Promise.all(rows.map((r) => this.view(em, r)));
  }

  async get(id: string): Promise<CouncilDetail> {
    const em = this.councils.reader;
    const row = await this.councils.byId(em, id);
    if (!row) throw new DomainError('COUNCIL_NOT_FOUND', { councilId: id });
    const history = await this.councils.compositions(em, id);
    const council = await this.view(em, row);
    // The history names the publishers of earlier versions too.
    const people = await peopleNamed(em, [council.createdBy, ...history.map((c) => c.publishedBy)]);
    return { ...council, people, history: await Promise.all(history.map((c) => this.compositionView(em, c))) };
  }

  /** The council the signed-in account serves (council members and secretariat). */
  async mine(actor: Actor): Promise<CouncilView> {
    const em = this.councils.reader;
    const row = await this.councils.servedBy(em, actor.accountId);
    if (!row) throw new DomainError('COUNCIL_NOT_FOUND', {});
    return this.view(em, row);
  }

  async setUp(input: { unitId: string; name?: string }, actor: Actor): Promise<CouncilView> {
    return this.dataSource.transaction(async (em) => {
      const [unit] = (await em.query('SELECT id, name FROM unit WHERE id = $1 FOR SHARE', [input.unitId])) as { id: string; name: string }[];
      if (!unit) throw new DomainError('COUNCIL_UNIT_NOT_FOUND', { field: 'unitId', unitId: input.unitId });
      const existing = await this.councils.ofUnit(em, unit.id);
      if (existing) throw new DomainError('COUNCIL_EXISTS', { field: 'unitId', councilId: existing.id });
      const council = await setUpCouncil(em, this.audit, { unitId: unit.id, unitName: unit.name, name: input.name }, actor, this.clock.now());
      return this.view(em, (await this.councils.byId(em, council.id))!);
    });
  }

  /** Publishes a new version of a council's composition and ties the accounts it lists to the council. */
  async publishComposition(councilId: string, input: { members: CompositionSeat[]; secretariat: string[]; note?: string }, actor: Actor): Promise<CouncilView> {
    return this.dataSource.transaction(async (em) => {
      await this.audit.lockStream(em, councilStream(councilId));
      const council = await this.councils.byId(em, councilId);
      if (!council) throw new DomainError('COUNCIL_NOT_FOUND', { councilId });
      // A council whose unit has stopped stays as history: its work went to the successor's own council.
      if (council.unitRetiredOn) throw new DomainError('COUNCIL_RETIRED', { councilId, unitName: council.unitName, retiredOn: council.unitRetiredOn });
      await this.checkSeats(em, councilId, input.members, input.secretariat);
      const previous = await this.councils.latestComposition(em, councilId);
      const now = this.clock.now();
      const composition = {
        id: randomUUID(),
        councilId,
        version: (previous?.version ?? 0) + 1,
        members: input.members.map((m) => ({ accountId: m.accountId, position: m.position })),
        secretariat: [...input.secretariat],
        note: input.note ?? null,
        publishedBy: actor.username,
        publishedAt: now,
      };
      await this.councils.insertComposition(em, composition);
      const listed = [...composition.members.map((m) => m.accountId), ...composition.secretariat];
      await this.councils.tieAccounts(em, councilId, listed);
      await this.audit.append(em, {
        stream: councilStream(councilId),
        eventType: 'COUNCIL_COMPOSITION_PUBLISHED',
        payload: { councilId, compositionId: composition.id, version: composition.version, members: composition.members, secretariat: composition.secretariat, note: composition.note },
        actor: actor.username,
        occurredAt: now,
      });
      return this.view(em, council);
    });
  }

  /**
   * The first start after the councils migration on a database whose province existed before: sets up the
   * province's council and ties the sessions and council accounts of that time to it, in one audited step. A
   * database without a province, or already adopted, is left as it is.
   */
  async adoptExisting(): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const roots = (await em.query(`SELECT u.id, u.name FROM unit u WHERE u.parent_id IS NULL AND NOT EXISTS (SELECT 1 FROM council c WHERE ${councilUnitSql('c')} = u.id) ORDER BY u.created_at, u.id`)) as {
        id: string;
        name: string;
      }[];
      const actor = systemActor('he-thong');
      const now = this.clock.now();
      for (const root of roots) await setUpCouncil(em, this.audit, { unitId: root.id, unitName: root.name }, actor, now);
      const province = await this.councils.province(em);
      if (!province) return;
      const sessions = (await em.query('UPDATE review_session SET council_id = $1 WHERE council_id IS NULL RETURNING id', [province.id])) as [unknown[], number] | { id: string }[];
      const accounts = (await em.query(
        `UPDATE account SET council_id = $1 WHERE council_id IS NULL AND role IN ('COUNCIL_MEMBER', 'COUNCIL_SECRETARY') AND created_at < (SELECT created_at FROM council WHERE id = $1) RETURNING id`,
        [province.id],
      )) as [unknown[], number] | { id: string }[];
      const ids = (result: [unknown[], number] | { id: string }[]) => (Array.isArray(result[0]) ? (result[0] as { id: string }[]) : (result as { id: string }[])).map((r) => r.id);
      const sessionIds = ids(sessions);
      const accountIds = ids(accounts);
      if (sessionIds.length === 0 && accountIds.length === 0) return;
      await this.audit.append(em, {
        stream: councilStream(province.id),
        eventType: 'COUNCILS_ADOPTED',
        payload: { councilId: province.id, sessionIds, accountIds },
        actor: actor.username,
        occurredAt: now,
      });
      this.log.log(`Tied ${sessionIds.length} review sessions and ${accountIds.length} council accounts to the province council ${province.id}`);
    });
  }

  private async checkSeats(em: EntityManager, councilId: string, members: CompositionSeat[], secretariat: string[]): Promise<void> {
    const memberIds = members.map((m) => m.accountId);
    const repeated = memberIds.findIndex((id, i) => memberIds.indexOf(id) !== i || secretariat.includes(id));
    if (repeated >= 0) throw new DomainError('COMPOSITION_SEAT_INVALID', { field: `members[${repeated}].accountId`, accountId: memberIds[repeated] });
    const secretariatRepeated = secretariat.findIndex((id, i) => secretariat.indexOf(id) !== i);
    if (secretariatRepeated >= 0) throw new DomainError('COMPOSITION_SEAT_INVALID', { field: `secretariat[${secretariatRepeated}]`, accountId: secretariat[secretariatRepeated] });
    for (const position of SINGLE_SEAT_POSITIONS) {
      const holders = members.filter((m) => m.position === position);
      if (holders.length > 1) throw new DomainError('COMPOSITION_POSITION_REPEATED', { field: 'members', position, accountIds: holders.map((h) => h.accountId) });
    }
    const accounts = await this.councils.accounts(em, [...memberIds, ...secretariat]);
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const memberProblem = members.findIndex((m) => {
      const a = byId.get(m.accountId);
      return !a || a.role !== 'COUNCIL_MEMBER' || a.disabledAt;
    });
    if (memberProblem >= 0) throw new DomainError('COMPOSITION_SEAT_INVALID', { field: `members[${memberProblem}].accountId`, accountId: memberIds[memberProblem] });
    const secretariatProblem = secretariat.findIndex((id) => {
      const a = byId.get(id);
      return !a || a.role !== 'COUNCIL_SECRETARY' || a.disabledAt;
    });
    if (secretariatProblem >= 0) throw new DomainError('COMPOSITION_SEAT_INVALID', { field: `secretariat[${secretariatProblem}]`, accountId: secretariat[secretariatProblem] });
    const elsewhere = await this.councils.seatedElsewhere(em, councilId, [...memberIds, ...secretariat]);
    if (elsewhere.length > 0) throw new DomainError('COMPOSITION_SEATED_ELSEWHERE', { field: 'members', seats: elsewhere });
  }

  async view(em: EntityManager, row: CouncilRow): Promise<CouncilView> {
    const parent = await this.councils.parentOf(em, row);
    const composition = await this.councils.latestComposition(em, row.id);
    return {
      id: row.id,
      name: row.name,
      formerNames: await this.councils.formerNames(em, row.id),
      unit: { id: row.unitId, name: row.unitName, level: row.unitLevel, levelLabel: labelsOf(UNIT_LEVELS, row.unitLevel), retiredOn: row.unitRetiredOn },
      parentCouncilId: parent?.id ?? null,
      composition: composition ? await this.compositionView(em, composition) : null,
      createdBy: row.createdBy,
      createdAt: new Date(row.createdAt).toISOString(),
      people: await peopleNamed(em, [row.createdBy, composition?.publishedBy]),
    };
  }

  private async compositionView(em: EntityManager, c: CompositionRow): Promise<CompositionView> {
    const accounts = new Map((await this.councils.accounts(em, [...c.members.map((m) => m.accountId), ...c.secretariat])).map((a) => [a.id, a]));
    const members = [...c.members].sort((a, b) => positionRank(a.position) - positionRank(b.position));
    return {
      version: c.version,
      members: members.map((m) => ({
        accountId: m.accountId,
        displayName: accounts.get(m.accountId)?.displayName ?? m.accountId,
        unitName: accounts.get(m.accountId)?.unitName ?? null,
        position: m.position,
        positionLabel: positionLabel(m.position),
      })),
      secretariat: c.secretariat.map((id) => ({ accountId: id, displayName: accounts.get(id)?.displayName ?? id })),
      note: c.note,
      publishedBy: c.publishedBy,
      publishedAt: new Date(c.publishedAt).toISOString(),
    };
  }
}
