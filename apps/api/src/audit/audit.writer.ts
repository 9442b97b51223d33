/**
 * Appends audit records inside the caller's transaction, chaining each to the previous record of its stream.
 *
 * Contract: the caller holds a lock that serialises writers of the stream (the candidate's or unit's row
 * lock, taken by the use case that changes it, or `lockStream` for a stream without a row of its own). There is
 * no global chain head, so writes to different candidates never wait for each other. The unique (stream, seq)
 * index turns any violation into a refusal.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEventRepository } from './audit-event.repository.js';
import { auditHash, type AuditContent } from './audit-hash.js';
import { AuditRecordKeys } from './audit-record-keys.js';
import { RowAttestations } from './row-attestations.js';

export interface AuditEntry {
  stream: string;
  candidateId?: string | null;
  eventType: string;
  payload: Record<string, unknown>;
  fromState?: string | null;
  toState?: string | null;
  actor: string;
  occurredAt: Date;
  machineVersion?: number | null;
}

/** A record as appended: the content its hash covers, the hash, and the id the database gave it. */
export interface AppendedRecord extends Omit<AuditContent, 'occurredAt'> {
  id: string;
  occurredAt: Date;
  hash: string;
}

@Injectable()
export class AuditWriter {
  constructor(
    private readonly records: AuditEventRepository,
    private readonly rows: RowAttestations,
    private readonly keys: AuditRecordKeys,
  ) {}

  /** Takes the lock that serialises the writers of a stream that has no row of its own (an account's, the imports'). */
  lockStream(em: EntityManager, stream: string): Promise<void> {
    return this.records.lockStream(em, stream);
  }

  /**
   * Appends the record, vouching for every covered row the transaction wrote before it (see row-attestations.ts):
   * call it after the change's writes. Its MAC is made with the current record key.
   */
  async append(em: EntityManager, entry: AuditEntry): Promise<AppendedRecord> {
    const { head, attests } = await this.rows.collectWithHead(em, entry.stream);
    const content: AuditContent = {
      stream: entry.stream,
      seq: (head?.seq ?? 0) + 1,
      candidateId: entry.candidateId ?? null,
      eventType: entry.eventType,
      // A JSON round trip drops undefined members, as jsonb will, so the hash covers exactly what is stored.
      payload: JSON.parse(JSON.stringify(entry.payload)) as Record<string, unknown>,
      fromState: entry.fromState ?? null,
      toState: entry.toState ?? null,
      actor: entry.actor,
      occurredAt: entry.occurredAt.toISOString(),
      machineVersion: entry.machineVersion ?? null,
      prevHash: head?.hash ?? null,
      ...(attests.length > 0 ? { attests } : {}),
    };
    const hash = auditHash(content);
    const { mac, keyId } = this.keys.sign(hash);
    const id = await this.records.insert(em, {
      stream: content.stream,
      seq: content.seq,
      candidate_id: content.candidateId,
      event_type: content.eventType,
      payload: content.payload,
      from_state: content.fromState,
      to_state: content.toState,
      actor: content.actor,
      occurred_at: entry.occurredAt,
      machine_version: content.machineVersion,
      prev_hash: content.prevHash,
      hash,
      attests: content.attests ?? null,
      mac,
      mac_key_id: keyId,
    });
    return { ...content, id, occurredAt: entry.occurredAt, hash };
  }
}
