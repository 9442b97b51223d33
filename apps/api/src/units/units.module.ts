import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { UnitRepositoryModule } from './unit-repository.module.js';
import { UnitsController } from './units.controller.js';
import { UnitsService } from './units.service.js';

/** Owns the unit hierarchy. Units are never deleted: candidates and history refer to them (FK RESTRICT). */
@Module({
  imports: [AuditModule, UnitRepositoryModule],
  controllers: [UnitsController],
  providers: [UnitsService],
  exports: [UnitsService, UnitRepositoryModule],
})
export class UnitsModule {}
