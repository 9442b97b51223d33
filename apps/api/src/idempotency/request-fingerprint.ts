/**
 * What makes two requests "the same request" for an Idempotency-Key: method, path with its query, account,
 * and the body as the application sees it.
 *
 * - JSON bodies (already parsed by the body parser) are hashed in their RFC 8785 canonical form, so key order
 *   and white space do not matter.
 * - Multipart bodies (uploads) are read here, before the upload parser, hashed with their boundary replaced
 *   by a fixed one (clients pick a new random boundary for every send), and handed to the upload parser from
 *   memory. Uploads are held in memory by the parser in any case; the limit below keeps a keyed upload within
 *   the largest one any route accepts.
 * - Any other body is not read by the application, so it is not part of the fingerprint.
 */
import canonicalize from 'canonicalize';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DomainError } from '../common/domain-error.js';
import { invalidField } from '../common/validation.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * Printable ASCII without space, `"`, `\` or `,`; 8 to 255 characters (a UUID is recommended). A short key
 * would soon be reused by mistake within the retention period and replay another request's response.
 */
const KEY = /^[\x21\x23-\x2B\x2D-\x5B\x5D-\x7E]{8,255}$/;

/** The key from the header; the IETF draft's structured-field string form (in double quotes) is accepted too. */
export function parseIdempotencyKey(raw: string | string[]): string {
  const value = Array.isArray(raw) ? raw.join(', ') : raw.trim();
  const unquoted = /^"(.*)"$/.exec(value)?.[1] ?? value;
  if (KEY.test(unquoted)) return unquoted;
  throw invalidField(IDEMPOTENCY_KEY_HEADER, 'idempotencyKey', { vi: 'Tiêu đề Idempotency-Key phải có từ 8 đến 255 ký tự ASCII in được, không có dấu cách, dấu phẩy, dấu nháy kép hay dấu gạch chéo ngược (nên dùng UUID).', en: 'The Idempotency-Key header must be 8 to 255 printable ASCII characters without spaces, commas, double quotes or backslashes (a UUID is recommended).' });
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export async function requestFingerprint(req: Request, accountId: string, maxMultipartBytes: number): Promise<string> {
  let body: string;
  if (req.is('multipart/*')) {
    const raw = await readWholeBody(req, maxMultipartBytes);
    handBodyBack(req, raw);
    body = `multipart:${sha256(withFixedBoundary(raw, boundaryOf(req.headers['content-type'] ?? '')))}`;
  } else if (req.body !== undefined) {
    body = `json:${sha256(canonicalize(req.body) ?? 'null')}`;
  } else {
    body = 'none';
  }
  return sha256(JSON.stringify([req.method, req.originalUrl, accountId, body]));
}

async function readWholeBody(req: Request, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Past the limit, keep reading and discarding so that the client gets the 413 rather than a reset connection.
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    }
  } catch {
    throw new DomainError('REQUEST_REFUSED', { reason: 'the request body could not be read' });
  }
  if (size > max) throw new DomainError('PAYLOAD_TOO_LARGE', { maxBytes: max });
  return Buffer.concat(chunks, size);
}

/** The upload parser pipes the request into itself: give it the bytes read here instead. */
function handBodyBack(req: Request, raw: Buffer): void {
  req.pipe = (<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }) => Readable.from([raw]).pipe(destination, options)) as Request['pipe'];
}

function boundaryOf(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function withFixedBoundary(raw: Buffer, boundary: string | null): Buffer {
  if (!boundary) return raw;
  const needle = Buffer.from(`--${boundary}`, 'latin1');
  const fixed = Buffer.from('--idempotency-boundary', 'latin1');
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = raw.indexOf(needle, from); at !== -1; at = raw.indexOf(needle, from)) {
    parts.push(raw.subarray(from, at), fixed);
    from = at + needle.length;
  }
  parts.push(raw.subarray(from));
  return Buffer.concat(parts);
}
