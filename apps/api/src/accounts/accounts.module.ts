import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AuthController } from './auth.controller.js';
import { SecurityAudit } from './security-audit.js';
import { SessionsService } from './sessions.service.js';

/**
 * Owns accounts, their passwords and sign-in sessions, and the security records of each account's chain.
 * Who may do what is decided by the access layer (../access), which reads the sessions from here.
 */
@Global()
@Module({
  imports: [AuditModule],
  controllers: [AuthController, AccountsController],
  providers: [AccountsService, SessionsService, SecurityAudit],
  exports: [AccountsService, SessionsService, SecurityAudit],
})
export class AccountsModule {}
