import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { RehearsalClockRepository } from './rehearsal-clock.repository.js';
import { RehearsalClockService } from './rehearsal-clock.service.js';
import { RehearsalController } from './rehearsal.controller.js';

/**
 * Owns the instance's kind as the product shows it and the rehearsal clock (docs/rehearsal-clock.md). The clock
 * itself is common/clock.ts, which every module reads; this module alone sets it.
 */
@Module({
  imports: [AuditModule],
  controllers: [RehearsalController],
  providers: [RehearsalClockRepository, RehearsalClockService],
  exports: [RehearsalClockService],
})
export class RehearsalModule {}
