/**
 * Every route of the API with what it answers: the contract the API's description declares, its responses are
 * checked against in the tests, and the web app's client is typed by. Each feature declares its routes beside
 * its schemas; a route declared twice is refused.
 */
import { ACCOUNT_ENDPOINTS, AUTH_ENDPOINTS } from './accounts.js';
import { CLEARANCE_ENDPOINTS } from './clearances.js';
import { BACKUP_ENDPOINTS } from './backups.js';
import { DECISION_ENDPOINTS } from './decisions.js';
import { REVOCATION_ENDPOINTS } from './revocations.js';
import { DOSSIER_ENDPOINTS } from './dossier.js';
import { DASHBOARD_ENDPOINTS } from './dashboards.js';
import { DECISION_DRAFT_ENDPOINTS } from './decision-drafts.js';
import { JURISDICTION_ENDPOINTS } from './jurisdiction.js';
import { NOTIFICATION_ENDPOINTS } from './notifications.js';
import { COUNCIL_ENDPOINTS } from './councils.js';
import { COUNCIL_RULE_ENDPOINTS } from './council-rules.js';
import { AUDIT_ENDPOINTS } from './audit.js';
import { HEALTH_ENDPOINTS } from './health.js';
import { LOOKUP_ENDPOINTS } from './lookup.js';
import { MOVEMENT_ENDPOINTS } from './movements.js';
import type { EndpointContract, EndpointTable } from './schema.js';
import { CRITERIA_SET_ENDPOINTS, REVIEW_ENDPOINTS } from './reviews.js';
import { STATISTICS_ENDPOINTS } from './statistics.js';
import { UNIT_ENDPOINTS } from './units.js';
import { UNIT_IMPORT_ENDPOINTS } from './unit-import.js';
import { CANDIDATE_ENDPOINTS } from './candidates.js';
import { NURTURING_ENDPOINTS } from './nurturing.js';
import { EVIDENCE_ENDPOINTS } from './evidence.js';
import { HOLD_ENDPOINTS } from './holds.js';
import { REPLICATION_ENDPOINTS } from './replication.js';
import { REHEARSAL_ENDPOINTS } from './rehearsal.js';
import { PUBLICITY_ENDPOINTS } from './publicity.js';
import { SIGNATURE_ENDPOINTS } from './signatures.js';

function gather<T extends readonly EndpointTable[]>(...tables: T): UnionToIntersection<T[number]> {
  const all: Record<string, EndpointContract> = {};
  for (const table of tables) {
    for (const [route, contract] of Object.entries(table)) {
      if (route in all) throw new Error(`Route ${route} is declared twice`);
      all[route] = contract;
    }
  }
  return all as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export const ENDPOINTS = gather(
  HEALTH_ENDPOINTS,
  AUTH_ENDPOINTS,
  ACCOUNT_ENDPOINTS,
  UNIT_ENDPOINTS,
  UNIT_IMPORT_ENDPOINTS,
  CANDIDATE_ENDPOINTS,
  COUNCIL_ENDPOINTS,
  NURTURING_ENDPOINTS,
  EVIDENCE_ENDPOINTS,
  HOLD_ENDPOINTS,
  REPLICATION_ENDPOINTS,
  CRITERIA_SET_ENDPOINTS,
  REVIEW_ENDPOINTS,
  DECISION_ENDPOINTS,
  REVOCATION_ENDPOINTS,
  DOSSIER_ENDPOINTS,
  DECISION_DRAFT_ENDPOINTS,
  JURISDICTION_ENDPOINTS,
  COUNCIL_RULE_ENDPOINTS,
  CLEARANCE_ENDPOINTS,
  NOTIFICATION_ENDPOINTS,
  AUDIT_ENDPOINTS,
  MOVEMENT_ENDPOINTS,
  LOOKUP_ENDPOINTS,
  STATISTICS_ENDPOINTS,
  REHEARSAL_ENDPOINTS,
  BACKUP_ENDPOINTS,
  PUBLICITY_ENDPOINTS,
  SIGNATURE_ENDPOINTS,
  DASHBOARD_ENDPOINTS,
);

export type Endpoints = typeof ENDPOINTS;
export type Route = keyof Endpoints & string;
