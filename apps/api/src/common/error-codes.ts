/**
 * Every error code of the API with its HTTP status and words: the feature tables gathered into one, which the
 * exception filter reads. A code is declared once, beside the feature that raises it.
 */
import { ACCESS_ERRORS } from '../access/access.errors.js';
import { ACCOUNT_ERRORS } from '../accounts/accounts.errors.js';
import { BACKUP_ERRORS } from '../backups/backups.errors.js';
import { CANDIDATE_ERRORS } from '../candidates/candidates.errors.js';
import { COMMON_ERRORS } from './common.errors.js';
import { COUNCIL_ERRORS } from '../councils/councils.errors.js';
import { DECISION_ERRORS } from '../decisions/decisions.errors.js';
import { EVIDENCE_ERRORS } from '../evidence/evidence.errors.js';
import { HOLD_ERRORS } from '../holds/holds.errors.js';
import { IDEMPOTENCY_ERRORS } from '../idempotency/idempotency.errors.js';
import { JURISDICTION_ERRORS } from '../jurisdiction/jurisdiction.errors.js';
import { COUNCIL_RULE_ERRORS } from '../council-rules/council-rules.errors.js';
import { CLEARANCE_ERRORS } from '../clearances/clearances.errors.js';
import { NOTIFICATION_ERRORS } from '../notifications/notifications.errors.js';
import { MOVEMENT_ERRORS } from '../movements/movements.errors.js';
import { PUBLICITY_ERRORS } from '../publicity/publicity.errors.js';
import { SIGNATURE_ERRORS } from '../signatures/signatures.errors.js';
import { REPLICATION_ERRORS } from '../replication/replication.errors.js';
import { REHEARSAL_ERRORS } from '../rehearsal/rehearsal.errors.js';
import { REVIEW_ERRORS } from '../reviews/reviews.errors.js';
import { STATISTICS_ERRORS } from '../statistics/statistics.errors.js';
import { TRANSITION_ERRORS } from '../transitions/transitions.errors.js';
import { UNIT_ERRORS } from '../units/units.errors.js';
import { UNIT_IMPORT_ERRORS } from '../units/import/unit-import.errors.js';
import { REORGANISATION_ERRORS } from '../reorganisation/reorganisation.errors.js';
import { gatherErrorTables, type ErrorTable } from './errors.js';

export const ERROR_CODES = gatherErrorTables(
  COMMON_ERRORS,
  ACCESS_ERRORS,
  ACCOUNT_ERRORS,
  UNIT_ERRORS,
  UNIT_IMPORT_ERRORS,
  REORGANISATION_ERRORS,
  CANDIDATE_ERRORS,
  TRANSITION_ERRORS,
  EVIDENCE_ERRORS,
  REPLICATION_ERRORS,
  STATISTICS_ERRORS,
  REVIEW_ERRORS,
  MOVEMENT_ERRORS,
  IDEMPOTENCY_ERRORS,
  DECISION_ERRORS,
  JURISDICTION_ERRORS,
  COUNCIL_RULE_ERRORS,
  REHEARSAL_ERRORS,
  CLEARANCE_ERRORS,
  BACKUP_ERRORS,
  PUBLICITY_ERRORS,
  SIGNATURE_ERRORS,
  NOTIFICATION_ERRORS,
  COUNCIL_ERRORS,
  HOLD_ERRORS,
) satisfies ErrorTable;

export type ErrorCode = keyof typeof ERROR_CODES;
