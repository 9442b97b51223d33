/**
 * The backup archive's container: a plain POSIX tar (ustar) file, so that `tar tf backup.dth` lists it with any
 * tool, written and read here without a dependency. Its first entries are the manifest and the manifest's MAC;
 * every other entry is a part the manifest names with its size and SHA-256.
 *
 * Reading is strict: a header whose checksum is wrong, padding or the end-of-archive blocks that are not zero, an
 * entry shorter than its header says, or a missing end is refused, so that a flipped byte anywhere and a truncated
 * copy are both told apart from an intact archive before anything is restored. Writing goes to a `.partial` file
 * renamed at the end: a crash never leaves something that looks like a finished archive.
 */
import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DomainError } from '../common/domain-error.js';

const BLOCK = 512;
const CHUNK = 1 << 20;
/** The largest entry the 11 octal digits of a ustar size field can state (8 GiB − 1). */
const MAX_ENTRY = 8 ** 11 - 1;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`archive entry name too long: ${name}`);
  if (size > MAX_ENTRY) throw new Error(`archive entry ${name} is larger than 8 GiB`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o600, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

export interface ArchiveEntrySource {
  name: string;
  /** A file on disk, or the bytes themselves. */
  file?: string;
  bytes?: Buffer;
}

/** Writes the entries in order to `target` (through `target.partial`, renamed when complete and synced). */
export function writeArchive(target: string, entries: ArchiveEntrySource[], mtime = new Date()): { bytes: number } {
  const partial = `${target}.partial`;
  const fd = openSync(partial, 'w', 0o600);
  let written = 0;
  const put = (b: Buffer) => {
    writeSync(fd, b);
    written += b.length;
  };
  try {
    for (const entry of entries) {
      if (entry.bytes) {
        put(header(entry.name, entry.bytes.length, mtime));
        put(entry.bytes);
        const pad = (BLOCK - (entry.bytes.length % BLOCK)) % BLOCK;
        if (pad) put(Buffer.alloc(pad));
        continue;
      }
      const src = openSync(entry.file!, 'r');
      try {
        const buffer = Buffer.alloc(CHUNK);
        // Parts are finished files of this backup's own staging folder: nothing else writes to them.
        let size = 0;
        for (;;) {
          const n = readSync(src, buffer, 0, CHUNK, size);
          if (n === 0) break;
          size += n;
        }
        put(header(entry.name, size, mtime));
        let at = 0;
        while (at < size) {
          const n = readSync(src, buffer, 0, Math.min(CHUNK, size - at), at);
          put(n === buffer.length ? buffer : buffer.subarray(0, n));
          at += n;
        }
        const pad = (BLOCK - (size % BLOCK)) % BLOCK;
        if (pad) put(Buffer.alloc(pad));
      } finally {
        closeSync(src);
      }
    }
    put(Buffer.alloc(BLOCK * 2));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(partial, target);
  return { bytes: written };
}

export interface ExtractedEntry {
  name: string;
  bytes: number;
  sha256: string;
  /** Where the entry's bytes were copied. */
  path: string;
}

/** Why an archive cannot be read: truncated (its end is missing) or damaged (a byte is not what tar requires). */
export class ArchiveUnreadable extends DomainError {
  constructor(kind: 'truncated' | 'damaged', readonly detail: string) {
    super(kind === 'truncated' ? 'BACKUP_ARCHIVE_TRUNCATED' : 'BACKUP_ARCHIVE_DAMAGED', { detail });
  }
}

/**
 * Copies every entry of the archive into `staging` (a folder of the caller's, removed by the caller), hashing
 * each as it goes. Throws ArchiveUnreadable for a truncated or damaged container.
 */
export function extractArchive(archive: string, staging: string): ExtractedEntry[] {
  const fd = openSync(archive, 'r');
  const entries: ExtractedEntry[] = [];
  let position = 0;
  const block = Buffer.alloc(BLOCK);
  const readExactly = (buffer: Buffer, length: number, what: string) => {
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buffer, got, length - got, position + got);
      if (n === 0) throw new ArchiveUnreadable('truncated', `${what} ends at byte ${position + got}`);
      got += n;
    }
    position += length;
  };
  try {
    for (;;) {
      readExactly(block, BLOCK, 'header');
      if (block.every((b) => b === 0)) {
        readExactly(block, BLOCK, 'end of archive');
        if (!block.every((b) => b === 0)) throw new ArchiveUnreadable('damaged', `end-of-archive block at ${position - BLOCK} is not zero`);
        const tail = Buffer.alloc(1);
        if (readSync(fd, tail, 0, 1, position) !== 0) throw new ArchiveUnreadable('damaged', 'bytes after the end of the archive');
        return entries;
      }
      const stored = block.toString('ascii', 148, 156);
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
      if (!/^[0-7]{6,7}[\0 ]/.test(stored) || parseInt(stored, 8) !== sum) throw new ArchiveUnreadable('damaged', `header checksum at byte ${position - BLOCK}`);
      const name = block.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const size = parseInt(block.toString('ascii', 124, 136), 8);
      if (!/^[A-Za-z0-9._-]+$/.test(name) || !Number.isSafeInteger(size)) throw new ArchiveUnreadable('damaged', `entry header at byte ${position - BLOCK}`);
      const path = join(staging, name);
      const out = openSync(path, 'wx', 0o600);
      const hash = createHash('sha256');
      try {
        const buffer = Buffer.alloc(CHUNK);
        let left = size;
        while (left > 0) {
          const n = Math.min(CHUNK, left);
          readExactly(buffer, n, `entry ${name}`);
          const chunk = buffer.subarray(0, n);
          hash.update(chunk);
          writeSync(out, chunk);
          left -= n;
        }
      } finally {
        closeSync(out);
      }
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (pad) {
        const padding = Buffer.alloc(pad);
        readExactly(padding, pad, `padding of ${name}`);
        if (!padding.every((b) => b === 0)) throw new ArchiveUnreadable('damaged', `padding of ${name}`);
      }
      entries.push({ name, bytes: size, sha256: hash.digest('hex'), path });
    }
  } finally {
    closeSync(fd);
  }
}
