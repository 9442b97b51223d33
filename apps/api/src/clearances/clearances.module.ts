import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AuditModule } from '../audit/audit.module.js';
import { AppConfig } from '../config/app-config.js';
import { JurisdictionModule } from '../jurisdiction/jurisdiction.module.js';
import { SessionChangesModule } from '../reviews/session-changes.module.js';
import { ClearanceRepository } from './clearance.repository.js';
import { ClearancesController } from './clearances.controller.js';
import { RecordClearanceAnswer } from './use-cases/record-clearance-answer.js';
import { RequestClearances } from './use-cases/request-clearances.js';
import { SessionClearances } from './use-cases/session-clearances.js';

/**
 * Owns clearances (hiệp y): requests to the agencies the jurisdiction profile lists, with its deadlines, their
 * answers and documents, and the clearance rule pinned to a session. The review feature reads them (the
 * repository and the views it exports) when the council decides and when it shows a candidate of a session.
 * Every change goes through SessionChanges, like the review's own: the session locked, its council's secretariat,
 * the lifecycle's stage (REQUEST_CLEARANCES, RECORD_CLEARANCE_ANSWER) and the record on the session's stream.
 */
@Module({
  imports: [
    AuditModule,
    JurisdictionModule,
    SessionChangesModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      // The answering document: one file, in memory up to the evidence limit, a few small fields.
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 6, parts: 8, fieldSize: 8192 } }),
    }),
  ],
  controllers: [ClearancesController],
  providers: [ClearanceRepository, RequestClearances, RecordClearanceAnswer, SessionClearances],
  exports: [ClearanceRepository, SessionClearances],
})
export class ClearancesModule {}
