/**
 * Security events (sign-ins, sign-outs, refused access, account changes) in the audit trail. Each account
 * has its own chain (`account:<id>`); attempts on unknown usernames share `account:unknown`. Written in
 * their own transaction: the request they describe may itself fail.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer.js';
import { accountStream } from '../audit/streams.js';


export interface SecurityEvent {
  accountId: string | null;
  eventType: string;
  /** Who acted: the account itself for its own sign-ins, an administrator for account changes. */
  actor: string;
  payload: Record<string, unknown>;
  /** Another stream than the account's (an address's, the overflow's); the account's by default. */
  stream?: string;
}

@Injectable()
export class SecurityAudit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
  ) {}

  record(event: SecurityEvent): Promise<void> {
    return this.dataSource.transaction((em) => this.recordWithin(em, event));
  }

  async recordWithin(em: EntityManager, event: SecurityEvent): Promise<void> {
    const stream = event.stream ?? accountStream(event.accountId);
    // Serialises writers of this chain only; nothing else waits.
    await this.audit.lockStream(em, stream);
    await this.audit.append(em, { stream, eventType: event.eventType, payload: event.payload, actor: event.actor, occurredAt: new Date() });
  }
}
