import { createHash } from 'node:crypto';

/** The SHA-256 of a document's bytes: what is stored with an issued or signed copy and compared with an upload. */
export const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();
