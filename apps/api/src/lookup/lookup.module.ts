import { Module } from '@nestjs/common';
import { MovementsModule } from '../movements/movements.module.js';
import { LookupController } from './lookup.controller.js';
import { LookupRepository } from './lookup.repository.js';
import { LookupService } from './lookup.service.js';
import { SubjectRepository } from './subject.repository.js';
import { SubjectRegistry } from './subjects.js';

/**
 * Owns lookup (tra cứu): the diacritic-insensitive search over candidates, units and movements, and subjects
 * (who a candidacy is about, and a subject's history). Reads only; SubjectRegistry is used by nominations.
 */
@Module({
  imports: [MovementsModule],
  controllers: [LookupController],
  providers: [LookupRepository, SubjectRepository, LookupService, SubjectRegistry],
  exports: [SubjectRegistry],
})
export class LookupModule {}
