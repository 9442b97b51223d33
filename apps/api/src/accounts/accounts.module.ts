import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module.js';
import { AccessGuard } from './access.guard.js';
import { AccessRefusals } from './access-refusals.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AuthController } from './auth.controller.js';
import { CandidateAccess } from './candidate-access.js';
import { SecurityAudit } from './security-audit.js';
import { SessionsService } from './sessions.service.js';

/**
 * Owns accounts, sessions and the access guard that every route passes. Global, so that features can
 * record refused access (AccessRefusals) without importing it.
 */
@Global()
@Module({
  imports: [AuditModule],
  controllers: [AuthController, AccountsController],
  providers: [AccountsService, SessionsService, SecurityAudit, AccessRefusals, CandidateAccess, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AccountsService, AccessRefusals, CandidateAccess],
})
export class AccountsModule {}
