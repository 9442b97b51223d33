import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ReorganisationController } from './reorganisation.controller.js';
import { ReorganisationService } from './reorganisation.service.js';
import { UnitsOverTime } from './units-over-time.js';

/** Reorganisations of the unit tree: merge, split, move, rename, dissolve, with their history and previews. */
@Module({
  imports: [AuditModule],
  controllers: [ReorganisationController],
  providers: [ReorganisationService, UnitsOverTime],
  exports: [ReorganisationService],
})
export class ReorganisationModule {}
