/**
 * Setting up a council, shared by its three callers: an administrator setting up a unit's council, a root unit
 * (the province) created with its own, and the first start after the councils migration on a database whose
 * province existed before. One council per unit; the row and its audit record are written in the caller's
 * transaction.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditWriter } from '../audit/audit.writer.js';
import { councilStream } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import type { Council } from './council.entities.js';

/**
 * The unit a council serves today, as SQL over a council row aliased `alias`: the successor its last transfer (a
 * merge of its unit, reorganisation/) carried it to, else the unit it was set up for. The council's row never changes.
 */
export const councilUnitSql = (alias: string) =>
  `coalesce((SELECT t.to_unit_id FROM council_transfer t WHERE t.council_id = ${alias}.id ORDER BY t.recorded_at DESC, t.id DESC LIMIT 1), ${alias}.unit_id)`;

/**
 * The name a council bears today, as SQL over a council row aliased `alias`: the name its last renaming transfer
 * recorded (a merge's successor took it over, reorganisation/), else the name it was set up with. Its earlier names
 * stay where they were recorded (`formerNames` in council.repository.ts).
 */
export const councilNameSql = (alias: string) =>
  `coalesce((SELECT t.council_name FROM council_transfer t WHERE t.council_id = ${alias}.id AND t.council_name IS NOT NULL ORDER BY t.recorded_at DESC, t.id DESC LIMIT 1), ${alias}.name)`;

/**
 * The name a council takes when it continues under a merge's successor: its name with the merged unit's name replaced
 * by the successor's ("… Sở Nội vụ tỉnh Bắc Giang" becomes "… Sở Nội vụ"), so it reads as the successor's council.
 * Null when its name does not name the merged unit (a name given by hand): it keeps that name.
 */
export function continuingCouncilName(councilName: string, fromUnitName: string, toUnitName: string): string | null {
  const at = councilName.lastIndexOf(fromUnitName);
  if (!fromUnitName || at < 0 || fromUnitName === toUnitName) return null;
  return councilName.slice(0, at) + toUnitName + councilName.slice(at + fromUnitName.length);
}

/** The name a council takes when none is given: the regulation's title followed by its unit's name. */
export const defaultCouncilName = (unitName: string) => `Hội đồng Thi đua – Khen thưởng ${unitName}`;

export async function setUpCouncil(
  em: EntityManager,
  audit: AuditWriter,
  input: { unitId: string; unitName: string; name?: string },
  actor: Pick<Actor, 'username'>,
  now: Date,
): Promise<Council> {
  const council: Council = { id: randomUUID(), unitId: input.unitId, name: input.name?.trim() || defaultCouncilName(input.unitName), createdBy: actor.username, createdAt: now };
  await em.query(`INSERT INTO council (id, unit_id, name, created_by, created_at) VALUES ($1, $2, $3, $4, $5)`, [council.id, council.unitId, council.name, council.createdBy, council.createdAt]);
  await audit.append(em, {
    stream: councilStream(council.id),
    eventType: 'COUNCIL_SET_UP',
    payload: { councilId: council.id, unitId: council.unitId, name: council.name },
    actor: actor.username,
    occurredAt: now,
  });
  return council;
}
