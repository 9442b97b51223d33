import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CandidatesController } from './candidates.controller.js';
import { CandidatesService } from './candidates.service.js';

/** Owns candidates' records: discovery, lookup and lists. State changes belong to the transitions feature. */
@Module({
  imports: [AuditModule],
  controllers: [CandidatesController],
  providers: [CandidatesService],
  exports: [CandidatesService],
})
export class CandidatesModule {}
