import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { StatisticsImportService } from './statistics-import.service.js';
import { StatisticsSeriesService } from './statistics-series.service.js';
import { StatisticsController } from './statistics.controller.js';
import { StatisticsRepository } from './statistics.repository.js';
import { StatisticsService } from './statistics.service.js';

/**
 * Owns the report's statistics table (counted in the database, never in Node), the historical import and the
 * exports. Reads candidates and the honouring ledger; writes only its own import tables and audit stream.
 */
@Module({
  imports: [AuditModule],
  controllers: [StatisticsController],
  providers: [StatisticsRepository, StatisticsService, StatisticsImportService, StatisticsSeriesService],
})
export class StatisticsModule {}
