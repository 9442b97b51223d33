/**
 * Which files are accepted as evidence (one entry for each of the contract's EVIDENCE_MEDIA_TYPES), and how a
 * declared type is checked against the file's first bytes so that a renamed executable cannot pass as a PDF.
 */
import { createHash } from 'node:crypto';
import type { EvidenceMediaType } from '#contracts';
import { DomainError } from '../common/domain-error.js';

export interface EvidencePolicy {
  extensions: string[];
  magic: (b: Buffer) => boolean;
}

/** Exactly the contract's media types, each with its policy. */
const POLICIES = {
  'application/pdf': { extensions: ['.pdf'], magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'image/jpeg': { extensions: ['.jpg', '.jpeg'], magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { extensions: ['.png'], magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/webp': { extensions: ['.webp'], magic: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extensions: ['.docx'], magic: isZip },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extensions: ['.xlsx'], magic: isZip },
  'application/msword': { extensions: ['.doc'], magic: isOle },
  'application/vnd.ms-excel': { extensions: ['.xls'], magic: isOle },
  'video/mp4': { extensions: ['.mp4'], magic: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
} satisfies Record<EvidenceMediaType, EvidencePolicy>;

/** Looked up by a declared type; `evidenceTypeOf` says whether a declared type is one of them. */
export const EVIDENCE_TYPES: Readonly<Record<string, EvidencePolicy>> = POLICIES;

/** The accepted media type named `declared`, if it is one. */
export function evidenceTypeOf(declared: string): EvidenceMediaType | undefined {
  return Object.hasOwn(EVIDENCE_TYPES, declared) ? (declared as EvidenceMediaType) : undefined;
}

function isZip(b: Buffer): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

function isOle(b: Buffer): boolean {
  return b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}

/** Longest stored file name, in characters (code points) and in UTF-8 bytes (a file system's usual 255, with room). */
export const FILE_NAME_MAX_CHARS = 120;
export const FILE_NAME_MAX_BYTES = 240;
/** An extension longer than this (dot included) is no extension: it is cut with the rest. */
const EXTENSION_MAX_CHARS = 10;

/**
 * Characters a stored name never keeps: C0 and C1 controls and DEL; the bidirectional marks, embeddings, overrides
 * and isolates (U+200E/F, U+061C, U+202A–U+202E, U+2066–U+2069), with which "hoa-don\u202Efdp.exe" reads as
 * "hoa-donexe.pdf"; line and paragraph separators and the byte-order mark; lone surrogates; and the characters
 * Windows refuses in names.
 */
const UNWANTED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff"<>|:*?]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A file name safe to store and to offer back for download, applied on every upload (evidence, movement documents,
 * statistics files): NFC; no folders; none of the UNWANTED characters; no leading dots or surrounding spaces; at
 * most FILE_NAME_MAX_CHARS characters and FILE_NAME_MAX_BYTES UTF-8 bytes, the stem cut at its end so that the
 * extension is kept. Multipart parsers hand non-ASCII names over as Latin-1; they are decoded back to UTF-8 when
 * that is what they were.
 */
export function cleanFileName(raw: string): string {
  let name = raw;
  const asUtf8 = Buffer.from(raw, 'latin1').toString('utf8');
  if (/[\u0080-\u00ff]/.test(raw) && !asUtf8.includes('\uFFFD')) name = asUtf8;
  name = name.replace(UNWANTED, '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(/^[.\s]+/, '').trim();
  name = capLength(name);
  return name || 'minh-chung';
}

/** Cuts the stem (by whole characters) until the name fits both limits; the extension stays. */
function capLength(name: string): string {
  const fits = (s: string) => [...s].length <= FILE_NAME_MAX_CHARS && Buffer.byteLength(s, 'utf8') <= FILE_NAME_MAX_BYTES;
  if (fits(name)) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= EXTENSION_MAX_CHARS ? name.slice(dot) : '';
  const stem = [...name.slice(0, name.length - ext.length)];
  while (stem.length > 0 && !fits(stem.join('') + ext)) stem.pop();
  // NFC again: cutting may leave a base letter without the mark it had (only in names NFC does not compose).
  return (stem.join('').trimEnd() + ext).normalize('NFC');
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** A file as multer hands it over. */
export interface UploadedFileParts {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * The checks every upload of an evidence-like file passes (evidence, a public comment's attachment): a file was
 * sent, its declared type is accepted, and its extension and first bytes match that type. Answers the cleaned
 * name, the type and the SHA-256; refuses with EVIDENCE_FILE_MISSING or EVIDENCE_TYPE_NOT_ALLOWED naming `field`.
 */
export function acceptFile(file: UploadedFileParts | undefined, field = 'file'): { fileName: string; contentType: EvidenceMediaType; sha256: string } {
  if (!file || file.size === 0) throw new DomainError('EVIDENCE_FILE_MISSING', { field });
  const fileName = cleanFileName(file.originalname);
  const declared = file.mimetype.toLowerCase().split(';')[0]!.trim();
  const contentType = evidenceTypeOf(declared);
  if (!contentType) throw new DomainError('EVIDENCE_TYPE_NOT_ALLOWED', { field, contentType: declared, allowed: Object.keys(EVIDENCE_TYPES) });
  const policy = EVIDENCE_TYPES[contentType]!;
  if (!policy.extensions.includes(extensionOf(fileName)) || !policy.magic(file.buffer)) {
    throw new DomainError(
      'EVIDENCE_TYPE_NOT_ALLOWED',
      { field, contentType },
      { vi: 'Nội dung hoặc phần mở rộng của tệp không khớp với loại tệp khai báo.', en: 'The file’s content or extension does not match its declared type.' },
    );
  }
  return { fileName, contentType, sha256: createHash('sha256').update(file.buffer).digest('hex') };
}
