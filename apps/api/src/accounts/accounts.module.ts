import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AccountRepository } from './account.repository.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AuthController } from './auth.controller.js';
import { SecurityAudit } from './security-audit.js';
import { SignInSessions } from './sign-in-sessions.service.js';
import { SignInRepository } from './sign-in.repository.js';
import { RepeatedSecurityEvents } from './repeated-security-events.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { SessionLookups } from './session-lookups.js';

/**
 * Owns accounts, their passwords and sign-in sessions, and the security records of each account's chain.
 * Who may do what is decided by the access layer (../access), which reads the sign-in sessions from here.
 */
@Global()
@Module({
  imports: [AuditModule],
  controllers: [AuthController, AccountsController],
  providers: [AccountRepository, SignInRepository, AccountsService, SignInSessions, SessionLookups, SecurityAudit, SignInThrottle, RepeatedSecurityEvents],
  exports: [AccountsService, SignInSessions, SessionLookups, SecurityAudit, RepeatedSecurityEvents],
})
export class AccountsModule {}
