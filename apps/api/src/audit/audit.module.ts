import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditWriter } from './audit.writer.js';

/** Owns the append-only audit trail: writing records inside other features' transactions, and reading them. */
@Module({
  controllers: [AuditController],
  providers: [AuditWriter],
  exports: [AuditWriter],
})
export class AuditModule {}
