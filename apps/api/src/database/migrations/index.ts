import type { MigrationInterface } from 'typeorm';
import { Initial1795818236358 } from './1795818236358-Initial.js';
import { Accounts1795820596716 } from './1795820596716-Accounts.js';
import { AuditCheckpoints1795822303447 } from './1795822303447-AuditCheckpoints.js';
import { Replication1795823738157 } from './1795823738157-Replication.js';
import { IdempotencyKeys1795828780339 } from './1795828780339-IdempotencyKeys.js';
import { Movements1795828806645 } from './1795828806645-Movements.js';
import { CouncilReview1795829079987 } from './1795829079987-CouncilReview.js';
import { RecognitionDecisions1795830885871 } from './1795830885871-RecognitionDecisions.js';
import { SignInThrottle1795840000000 } from './1795840000000-SignInThrottle.js';
import { AuditCoverage1795900000000 } from './1795900000000-AuditCoverage.js';
import { JurisdictionProfile1796567245918 } from './1796567245918-JurisdictionProfile.js';
import { Councils1796577732200 } from './1796577732200-Councils.js';
import { RehearsalClock1796577734726 } from './1796577734726-RehearsalClock.js';
import { Holds1796578107555 } from './1796578107555-Holds.js';
import { Clearances1796578256656 } from './1796578256656-Clearances.js';
import { CouncilRuleSets1796578458399 } from './1796578458399-CouncilRuleSets.js';
import { Notifications1796578487525 } from './1796578487525-Notifications.js';
import { PublicSide1796578614385 } from './1796578614385-PublicSide.js';
import { PublicPageVersion1796578700000 } from './1796578700000-PublicPageVersion.js';
import { SessionDeadlines1796578800000 } from './1796578800000-SessionDeadlines.js';
import { DocumentRegisters1796579000000 } from './1796579000000-DocumentRegisters.js';
import { CorrectionsAndDossier1796579600000 } from './1796579600000-CorrectionsAndDossier.js';
import { DocumentSignatures1796589290116 } from './1796589290116-DocumentSignatures.js';
import { UnitImportAndSeries1796600000000 } from './1796600000000-UnitImportAndSeries.js';
import { UnitReorganisation1796600000100 } from './1796600000100-UnitReorganisation.js';

/** Every migration in order, listed explicitly (no globs) so the app, the tests and the CLI agree. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [Initial1795818236358, Accounts1795820596716, AuditCheckpoints1795822303447, Replication1795823738157, IdempotencyKeys1795828780339, Movements1795828806645, CouncilReview1795829079987, RecognitionDecisions1795830885871, SignInThrottle1795840000000, AuditCoverage1795900000000, JurisdictionProfile1796567245918, Councils1796577732200, RehearsalClock1796577734726, Holds1796578107555, Clearances1796578256656, CouncilRuleSets1796578458399, Notifications1796578487525, PublicSide1796578614385, PublicPageVersion1796578700000, SessionDeadlines1796578800000, DocumentRegisters1796579000000, CorrectionsAndDossier1796579600000, DocumentSignatures1796589290116, UnitImportAndSeries1796600000000, UnitReorganisation1796600000100];
