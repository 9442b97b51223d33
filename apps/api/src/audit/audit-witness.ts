/**
 * The witness: a copy of every signed checkpoint kept where whoever owns the database cannot rewrite it together
 * with the database (a folder on another machine, mounted here). Each checkpoint is appended as one line of JSON
 * to `checkpoints.jsonl` and flushed to disk (fsync); a line is never rewritten. A checkpoint the witness could not
 * take (share unreachable) is appended at the next run of the checkpoint job, and verification reports it until then.
 *
 * Where it is: AUDIT_WITNESS_DIR; else, on a persistent embedded database, DATA_DIR/witness (the docs tell the
 * office to point it at another machine); else none, and verification says so.
 */
import { Injectable, Logger } from '@nestjs/common';
import { existsSync, mkdirSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { AppConfig } from '../config/app-config.js';
import { parseCheckpoint, type SignedCheckpoint } from './checkpoint-format.js';

export const WITNESS_FORMAT = 'dien-hinh-tien-tien/audit-witness/v1';
export const WITNESS_FILE = 'checkpoints.jsonl';
/** How much of the file's end is read to find the last entry (entries are well under 1 KB). */
const TAIL_BYTES = 64 * 1024;

/** One line of the witness file. */
export interface WitnessEntry {
  format: typeof WITNESS_FORMAT;
  /** When the witness took it (ISO 8601). */
  witnessedAt: string;
  checkpoint: SignedCheckpoint;
}

export function witnessLine(checkpoint: SignedCheckpoint, witnessedAt = new Date()): string {
  const entry: WitnessEntry = { format: WITNESS_FORMAT, witnessedAt: witnessedAt.toISOString(), checkpoint };
  return `${JSON.stringify(entry)}\n`;
}

/** Reads one line; null when it is not exactly a witness entry with a well-formed checkpoint. */
export function parseWitnessLine(line: string): WitnessEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (v.format !== WITNESS_FORMAT || typeof v.witnessedAt !== 'string' || Number.isNaN(Date.parse(v.witnessedAt))) return null;
  const checkpoint = parseCheckpoint(v.checkpoint);
  return checkpoint ? { format: WITNESS_FORMAT, witnessedAt: v.witnessedAt, checkpoint } : null;
}

/** A witness folder: append-only file of entries. */
export class DirectoryWitness {
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = join(dir, WITNESS_FILE);
  }

  /**
   * Appends the checkpoints, in order, and flushes them to disk before returning. The folder must exist (a
   * mounted share that is gone must fail loudly, not be recreated locally).
   */
  async append(checkpoints: SignedCheckpoint[]): Promise<void> {
    if (checkpoints.length === 0) return;
    if (!existsSync(this.dir)) throw new Error(`witness folder ${this.dir} is not reachable`);
    const handle = await open(this.file, 'a', 0o644);
    try {
      // A line cut short by a crash stays a line of its own (reported as malformed), never glued to the next entry.
      const size = (await handle.stat()).size;
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        const reader = await open(this.file, 'r');
        try {
          await reader.read(last, 0, 1, size - 1);
        } finally {
          await reader.close();
        }
        if (last[0] !== 0x0a) prefix = '\n';
      }
      await handle.write(prefix + checkpoints.map((c) => witnessLine(c)).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** The largest tree size among the last entries (0 when the file is empty or absent); throws when unreachable. */
  async lastTreeSize(): Promise<number> {
    return (await this.lastEntry())?.checkpoint.treeSize ?? 0;
  }

  /** The last well-formed entry (null when the file is empty or absent); throws when unreachable. */
  async lastEntry(): Promise<WitnessEntry | null> {
    if (!existsSync(this.dir)) throw new Error(`witness folder ${this.dir} is not reachable`);
    if (!existsSync(this.file)) return null;
    const { size } = await stat(this.file);
    const length = Math.min(size, TAIL_BYTES);
    const handle = await open(this.file, 'r');
    const buffer = Buffer.alloc(length);
    try {
      await handle.read(buffer, 0, length, size - length);
    } finally {
      await handle.close();
    }
    const lines = buffer.toString('utf8').split('\n').reverse();
    for (const line of lines) {
      const entry = line.trim() ? parseWitnessLine(line) : null;
      if (entry) return entry;
    }
    return null;
  }

  /** Every line in order (1-based line numbers), parsed or null when malformed. Streams: memory stays bounded. */
  async *entries(): AsyncGenerator<{ line: number; entry: WitnessEntry | null }> {
    if (!existsSync(this.dir)) throw new Error(`witness folder ${this.dir} is not reachable`);
    if (!existsSync(this.file)) return;
    const lines = createInterface({ input: createReadStream(this.file, 'utf8'), crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n += 1;
      if (line.trim() === '') continue;
      yield { line: n, entry: parseWitnessLine(line) };
    }
  }
}

@Injectable()
export class AuditWitness {
  private readonly logger = new Logger('Audit');
  readonly witness: DirectoryWitness | null;

  constructor(config: AppConfig) {
    this.witness = AuditWitness.locate(config);
  }

  /** The configured witness, creating the default folder beside a persistent embedded database. */
  static locate(config: AppConfig): DirectoryWitness | null {
    if (config.AUDIT_WITNESS_DIR) return new DirectoryWitness(resolve(config.AUDIT_WITNESS_DIR));
    const dataDir = resolve(config.DATA_DIR);
    if (!config.embedded || !existsSync(join(dataDir, 'pglite'))) return null;
    const dir = join(dataDir, 'witness');
    mkdirSync(dir, { recursive: true });
    return new DirectoryWitness(dir);
  }

  get location(): string | null {
    return this.witness?.dir ?? null;
  }

  /**
   * Gives the witness the checkpoints it does not have yet: those larger than its last entry (all of them for a
   * new witness), and `just` (the one just signed) whatever its size, so that a history restarted smaller shows.
   * Never throws: an unreachable witness is logged, retried at the next run, and reported by verification.
   */
  async catchUp(newer: (afterTreeSize: number) => Promise<SignedCheckpoint[]>, just?: SignedCheckpoint): Promise<{ appended: number } | { error: string }> {
    if (!this.witness) return { appended: 0 };
    try {
      const last = await this.witness.lastTreeSize();
      const pending = await newer(last);
      if (just && just.treeSize <= last) pending.unshift(just);
      await this.witness.append(pending);
      return { appended: pending.length };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(
        `Không ghi được điểm kiểm vào nơi chứng thực ${this.witness.dir}; sẽ thử lại ở lần chạy sau: ${message} / ` +
          `Could not write the checkpoint to the witness ${this.witness.dir}; will retry at the next run: ${message}`,
      );
      return { error: message };
    }
  }
}
