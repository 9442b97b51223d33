/**
 * Records written before audit records were authenticated (no MAC). audit_event is append-only, so they cannot
 * be given a MAC afterwards; instead, the first start with record keys seals them: one authenticated record (the
 * only one of the stream `audit:legacy-records`) states the highest id and the number of records without a MAC
 * at that moment. Verification accepts a record without a MAC only at or below that id; any later one is named
 * (RECORD_NOT_AUTHENTICATED). A database that had no records when keys came needs no seal, and gets none.
 *
 * What this cannot do: prove a legacy record was not rewritten before the seal (the signed checkpoints and the
 * auditors' kept copies do that).
 */
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRecordKeys } from './audit-record-keys.js';
import { AuditWriter } from './audit.writer.js';

export const LEGACY_RECORDS_STREAM = 'audit:legacy-records';
export const LEGACY_RECORDS_SEALED = 'LEGACY_RECORDS_SEALED';

/** The highest id of a legacy record, from a seal whose MAC verifies; null when there is none. */
export async function legacyBoundary(em: EntityManager, keys: AuditRecordKeys): Promise<bigint | null> {
  const rows = (await em.query('SELECT payload, hash, mac, mac_key_id FROM audit_event WHERE stream = $1 AND seq = 1', [LEGACY_RECORDS_STREAM])) as {
    payload: { lastUnauthenticatedId?: string };
    hash: string;
    mac: string | null;
    mac_key_id: string | null;
  }[];
  const seal = rows[0];
  // The hash itself is checked with the chain: a seal whose content was changed is named there.
  if (!seal || keys.check(seal.hash, seal.mac, seal.mac_key_id) !== 'VALID' || typeof seal.payload.lastUnauthenticatedId !== 'string') return null;
  return BigInt(seal.payload.lastUnauthenticatedId);
}

@Injectable()
export class LegacyRecordsSeal implements OnApplicationBootstrap {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: AuditWriter,
    private readonly keys: AuditRecordKeys,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seal();
  }

  /** Writes the seal once, if records without a MAC exist and none was written yet. */
  async seal(): Promise<void> {
    if (!this.keys.currentKeyId) return;
    await this.dataSource.transaction(async (em) => {
      await this.writer.lockStream(em, LEGACY_RECORDS_STREAM);
      const [found] = (await em.query(
        `SELECT (SELECT count(*) FROM audit_event WHERE stream = $1)::int AS sealed,
                (SELECT max(id) FROM audit_event WHERE mac IS NULL)::text AS last_id,
                (SELECT count(*) FROM audit_event WHERE mac IS NULL)::int AS unauthenticated`,
        [LEGACY_RECORDS_STREAM],
      )) as { sealed: number; last_id: string | null; unauthenticated: number }[];
      if (found!.sealed > 0 || found!.last_id === null) return;
      await this.writer.append(em, {
        stream: LEGACY_RECORDS_STREAM,
        eventType: LEGACY_RECORDS_SEALED,
        payload: { lastUnauthenticatedId: found!.last_id, unauthenticatedRecords: found!.unauthenticated, keyId: this.keys.currentKeyId },
        actor: 'he-thong',
        occurredAt: new Date(),
      });
      this.logger.warn(
        `Đã niêm phong ${found!.unauthenticated} bản ghi nhật ký ghi trước khi có mã xác thực (đến mã ${found!.last_id}). / ` +
          `Sealed ${found!.unauthenticated} audit records written before records were authenticated (up to id ${found!.last_id}).`,
      );
    });
  }
}
