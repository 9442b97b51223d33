/**
 * A worker thread of the verifier's stream pass (stream-pass.ts): checks the ranges of streams it is sent, one
 * at a time, on its own connections to the database, and answers each with the range's result. Started by
 * StreamPassPool (stream-pass-pool.ts) from the compiled build only.
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { connectionOptions } from '../database/connection-options.js';
import { AuditEventRepository, type StreamRange } from './audit-event.repository.js';
import { AuditRecordKeys } from './audit-record-keys.js';
import { StreamPass, type StreamPassResult } from './stream-pass.js';
import { StreamOwnerRepository } from './stream-owner.repository.js';

export interface StreamPassWorkerData {
  url: string;
  database: Pick<AppConfig, 'DB_STATEMENT_TIMEOUT_MS' | 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS' | 'DB_CONNECTION_TIMEOUT_MS'>;
  /** The records' keys as an AUDIT_RECORD_KEYS setting (AuditRecordKeys.asSetting), or null: none. */
  recordKeys: string | null;
}

export interface StreamPassJob {
  id: number;
  range: StreamRange;
  /** The legacy boundary (legacy-records.ts) as text, or null. */
  legacyUpTo: string | null;
}

export type StreamPassAnswer = { id: number; result: StreamPassResult } | { id: number; error: string };

const data = workerData as StreamPassWorkerData;
// Only the main thread speaks: stdout may carry the report (--json).
Logger.overrideLogger(['error']);
// Two connections: the next page loads while this one is checked. Raw SQL only: no entities, no migrations to load.
const dataSource = new DataSource(connectionOptions(data.url, { ...data.database, DB_POOL_MAX: 2 }));
const keys = new AuditRecordKeys({ AUDIT_RECORD_KEYS: data.recordKeys ?? undefined, keyDirectory: undefined } as AppConfig);
keys.resolve({ mayCreate: false });
const ready = dataSource.initialize();
const pass = new StreamPass(dataSource, new AuditEventRepository(dataSource), new StreamOwnerRepository(dataSource), keys);

parentPort!.on('message', (message: StreamPassJob | 'close') => {
  if (message === 'close') {
    void ready.then(() => dataSource.destroy()).finally(() => parentPort!.close());
    return;
  }
  ready
    .then(() => pass.run(message.range, undefined, message.legacyUpTo === null ? null : BigInt(message.legacyUpTo)))
    .then(
      (result) => parentPort!.postMessage({ id: message.id, result } satisfies StreamPassAnswer),
      (error: unknown) => parentPort!.postMessage({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies StreamPassAnswer),
    );
});
