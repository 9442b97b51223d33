/** Every entity, listed explicitly so that Nest, Jest and the migration tooling load the same set. */
import { Account, AccountContact, SignInAttempt } from '../accounts/account.entities.js';
import { SignInSession } from '../accounts/sign-in-session.entity.js';
import { AuditCheckpoint, AuditLeaf } from '../audit/audit-checkpoint.entities.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Candidate } from '../candidates/candidate.entity.js';
import { EvidenceFile } from '../evidence/evidence-file.entity.js';
import { CandidateMovementLink } from '../movements/candidate-movement-link.entity.js';
import { Movement, MovementDocument, MovementRegistration, MovementReview } from '../movements/movement.entities.js';
import { NurturingCheckIn, NurturingPlan } from '../nurturing/nurturing.entities.js';
import { AdoptionRecord, FollowUpRecord, HonouringRecord, UnitPlan } from '../replication/replication.entities.js';
import { DECISION_ENTITIES } from '../decisions/decision.entities.js';
import { REGISTER_ENTITIES } from '../decisions/register.entities.js';
import { CLEARANCE_ENTITIES } from '../clearances/clearance.entities.js';
import { PUBLICITY_ENTITIES } from '../publicity/publicity.entities.js';
import { REVIEW_ENTITIES } from '../reviews/review.entities.js';
import { StatisticsImport, StatisticsImportRow } from '../statistics/statistics.entities.js';
import { Unit } from '../units/unit.entity.js';
import { JurisdictionProfile } from '../jurisdiction/jurisdiction-profile.entity.js';
import { CouncilRuleSetRow } from '../council-rules/council-rule-set.entity.js';
import { COUNCIL_ATTENDANCE_ENTITIES } from '../reviews/council-attendance.entities.js';
import { CandidateWomenShare } from '../candidates/candidate-women-share.entity.js';
import { RehearsalClockChange } from '../rehearsal/rehearsal-clock-change.entity.js';
import { MailMessage, Notification, NotificationPreference } from '../notifications/notification.entities.js';
import { COUNCIL_ENTITIES } from '../councils/council.entities.js';
import { HOLD_ENTITIES } from '../holds/hold.entities.js';

export const ENTITIES = [Unit, Candidate, EvidenceFile, NurturingPlan, NurturingCheckIn, AuditEvent, Account, SignInSession, SignInAttempt, AuditLeaf, AuditCheckpoint, HonouringRecord, AdoptionRecord, FollowUpRecord, UnitPlan, StatisticsImport, StatisticsImportRow, ...REVIEW_ENTITIES, ...DECISION_ENTITIES, ...REGISTER_ENTITIES, Movement, MovementReview, MovementRegistration, MovementDocument, CandidateMovementLink, JurisdictionProfile, RehearsalClockChange, ...CLEARANCE_ENTITIES, ...PUBLICITY_ENTITIES, AccountContact, Notification, MailMessage, NotificationPreference, ...COUNCIL_ENTITIES, ...HOLD_ENTITIES, CouncilRuleSetRow, ...COUNCIL_ATTENDANCE_ENTITIES, CandidateWomenShare];
