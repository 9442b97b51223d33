import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { UnitsController } from './units.controller.js';
import { UnitsService } from './units.service.js';
import { UnitRepository } from './unit.repository.js';

/** Owns the unit hierarchy. Units are never deleted: candidates and history refer to them (FK RESTRICT). */
@Module({
  imports: [AuditModule],
  controllers: [UnitsController],
  providers: [UnitsService, UnitRepository],
  exports: [UnitsService, UnitRepository],
})
export class UnitsModule {}
