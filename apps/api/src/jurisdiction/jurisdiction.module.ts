import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { JurisdictionController } from './jurisdiction.controller.js';
import { JurisdictionProfileRepository } from './jurisdiction-profile.repository.js';
import { JurisdictionProfiles } from './jurisdiction-profiles.js';

/**
 * Owns the jurisdiction profile (hồ sơ pháp lý): who issues documents, where, on which legal bases, under which
 * symbols, with which deadlines and extra days off. Versioned data an administrator publishes; documents read it.
 */
@Module({
  imports: [AuditModule],
  controllers: [JurisdictionController],
  providers: [JurisdictionProfileRepository, JurisdictionProfiles],
  exports: [JurisdictionProfiles, JurisdictionProfileRepository],
})
export class JurisdictionModule {}
