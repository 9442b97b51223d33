import { Module } from '@nestjs/common';
import { AuditCheckpointScheduler } from './audit-checkpoint.scheduler.js';
import { AuditEventRepository } from './audit-event.repository.js';
import { AuditCheckpoints } from './audit-checkpoints.service.js';
import { AuditExport } from './audit-export.js';
import { AuditKeyring } from './audit-keyring.js';
import { AuditRecordKeys } from './audit-record-keys.js';
import { LegacyRecordsSeal } from './legacy-records.js';
import { RowAttestations } from './row-attestations.js';
import { AuditWitness } from './audit-witness.js';
import { CaseBundle } from './case-bundle.js';
import { AuditTrails } from './audit-trails.service.js';
import { AuditVerificationController } from './audit-verification.controller.js';
import { AuditVerifier } from './audit-verifier.service.js';
import { AuditController } from './audit.controller.js';
import { AuditWriter } from './audit.writer.js';
import { CheckpointRepository } from './checkpoint.repository.js';
import { StreamOwnerRepository } from './stream-owner.repository.js';
import { AuditNames } from './audit-names.js';

/**
 * Owns the append-only audit trail: writing records inside other features' transactions, reading them,
 * signing checkpoints over them, and verifying all of it.
 */
@Module({
  controllers: [AuditController, AuditVerificationController],
  providers: [
    AuditEventRepository,
    CheckpointRepository,
    StreamOwnerRepository,
    AuditNames,
    AuditWriter,
    AuditKeyring,
    AuditRecordKeys,
    RowAttestations,
    LegacyRecordsSeal,
    AuditWitness,
    AuditCheckpoints,
    AuditCheckpointScheduler,
    AuditVerifier,
    AuditTrails,
    AuditExport,
    CaseBundle,
  ],
  exports: [AuditWriter, AuditRecordKeys, AuditCheckpoints, AuditVerifier, AuditEventRepository, AuditWitness, AuditKeyring, CheckpointRepository],
})
export class AuditModule {}
