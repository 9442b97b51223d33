import { Module } from '@nestjs/common';
import { UnitRepository } from './unit.repository.js';

/** The unit repository on its own, for the access layer, which every feature depends on (no circle of modules). */
@Module({
  providers: [UnitRepository],
  exports: [UnitRepository],
})
export class UnitRepositoryModule {}
