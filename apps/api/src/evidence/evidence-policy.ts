/**
 * Which files are accepted as evidence (one entry for each of the contract's EVIDENCE_MEDIA_TYPES), and how a
 * declared type is checked against the file's first bytes so that a renamed executable cannot pass as a PDF.
 */
import type { EvidenceMediaType } from '#contracts';

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

/**
 * A file name safe to store and to offer back for download: no folders, no control characters, NFC.
 * Multipart parsers hand non-ASCII names over as Latin-1; they are decoded back to UTF-8 when that is what they were.
 */
export function cleanFileName(raw: string): string {
  let name = raw;
  const asUtf8 = Buffer.from(raw, 'latin1').toString('utf8');
  if (/[\u0080-\u00ff]/.test(raw) && !asUtf8.includes('\uFFFD')) name = asUtf8;
  name = name.normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').replace(/^\.+/, '').trim();
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name || 'minh-chung';
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}
