import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module.js';
import { UnitRepositoryModule } from '../unit-repository.module.js';
import { UnitImportController } from './unit-import.controller.js';
import { UnitImportService } from './unit-import.service.js';

/** The bulk import of a unit tree from CSV or Excel (administrators). Writes units through the unit repository. */
@Module({
  imports: [AuditModule, UnitRepositoryModule],
  controllers: [UnitImportController],
  providers: [UnitImportService],
  exports: [UnitImportService],
})
export class UnitImportModule {}
