import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DashboardRepository } from './dashboard.repository.js';
import { DashboardsController } from './dashboards.controller.js';
import { DashboardsService } from './dashboards.service.js';

/**
 * Owns the dashboards (bảng điều hành): figures for the office and for auditors, computed from the database when
 * asked. Reads only; never writes a record.
 */
@Module({
  imports: [AuditModule],
  controllers: [DashboardsController],
  providers: [DashboardRepository, DashboardsService],
})
export class DashboardsModule {}
