import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BackupScheduler } from './backup.scheduler.js';
import { BackupsController } from './backups.controller.js';
import { Backups } from './backups.service.js';

/**
 * Owns the product's backups (archives of the database, the keys and the manifest) made while it serves: from the
 * administrator's screen and on a schedule, with a retention rule. Restoring is the command line's (cli.ts).
 */
@Module({
  imports: [AuditModule],
  controllers: [BackupsController],
  providers: [Backups, BackupScheduler],
  exports: [Backups],
})
export class BackupsModule {}
