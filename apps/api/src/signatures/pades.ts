/**
 * PAdES signatures (ETSI EN 319 142-1, baseline B-B, and B-T with a time-stamp authority) made and read with
 * maintained libraries only: @signpdf for the placeholder and the ByteRange (an incremental update: the unsigned
 * bytes stay an exact prefix of the signed file), pkijs + asn1js for the CMS (CAdES detached) and RFC 3161,
 * pdf-lib to compare the signed revision with the issued document object by object.
 *
 * The CMS carries the signed attributes PAdES B-B asks for: content-type, message-digest and
 * signing-certificate-v2 (the signer certificate's SHA-256 with its issuer and serial), and no signing-time
 * attribute (the claimed time is the signature dictionary's /M). SubFilter ETSI.CAdES.detached.
 * (Why not @signpdf/signer-p12: node-forge's PKCS#7 has no signing-certificate-v2 and mis-encodes UTF-8 issuer
 * names; see docs/stack-notes.)
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignPdf } from '@signpdf/signpdf';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDict, PDFDocument, PDFName, PDFArray, PDFRef, type PDFObject } from 'pdf-lib';
import { sha256 } from './digest.js';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
} as const;

/** The key and certificates a server-side signature is made with. */
export interface SigningCredentials {
  privateKey: webcrypto.CryptoKey;
  certificate: pkijs.Certificate;
  /** Intermediate (and root) certificates embedded in the signature so that a verifier can build the chain. */
  chain: pkijs.Certificate[];
}

/** A time-stamp authority (RFC 3161) asked over HTTP for B-T. */
export interface TimeStampAuthority {
  url: string;
}

/** A copy in its own ArrayBuffer (what WebCrypto and pkijs take). */
const own = (data: Uint8Array): ArrayBuffer => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
const hex = (data: Uint8Array | ArrayBuffer): string => Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('hex');
const der = (c: pkijs.Certificate): Uint8Array => new Uint8Array(c.toSchema(true).toBER(false));

/** A certificate from DER or PEM (one block). */
export function parseCertificate(input: Uint8Array | string): pkijs.Certificate {
  const bytes = typeof input === 'string' ? Buffer.from(input.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), 'base64') : input;
  return pkijs.Certificate.fromBER(own(bytes));
}

/** Every certificate of a PEM bundle. */
export function parseCertificates(pem: string): pkijs.Certificate[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => parseCertificate(m[0]));
}

/** "CN=…, O=…" of a name, the common name first (UTF-8 as written). */
export function nameOf(name: pkijs.RelativeDistinguishedNames): { commonName: string; text: string } {
  const parts = name.typesAndValues.map((tv) => ({ type: tv.type, value: String(tv.value.valueBlock.value) }));
  const label = (t: string) => ({ [OID.commonName]: 'CN', [OID.organization]: 'O', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.11': 'OU', '0.9.2342.19200300.100.1.1': 'UID' })[t] ?? t;
  return { commonName: parts.find((p) => p.type === OID.commonName)?.value ?? '', text: parts.map((p) => `${label(p.type)}=${p.value}`).join(', ') };
}

export interface CertificateFacts {
  subject: string;
  subjectCommonName: string;
  issuer: string;
  issuerCommonName: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  sha256: string;
}

export function certificateFacts(c: pkijs.Certificate): CertificateFacts {
  const subject = nameOf(c.subject);
  const issuer = nameOf(c.issuer);
  return {
    subject: subject.text,
    subjectCommonName: subject.commonName,
    issuer: issuer.text,
    issuerCommonName: issuer.commonName,
    serialNumber: hex(c.serialNumber.valueBlock.valueHexView),
    notBefore: c.notBefore.value,
    notAfter: c.notAfter.value,
    sha256: hex(sha256(der(c))),
  };
}

/** signing-certificate-v2 (RFC 5035): SEQUENCE { SEQUENCE OF ESSCertIDv2 { certHash, IssuerSerial } }, SHA-256 by default. */
function signingCertificateV2(c: pkijs.Certificate): pkijs.Attribute {
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: c.issuer })] }),
    serialNumber: c.serialNumber,
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: own(sha256(der(c))) }), issuerSerial.toSchema()] });
  return new pkijs.Attribute({ type: OID.signingCertificateV2, values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })] });
}

/** Asks the TSA for a time-stamp token over the signature value (RFC 3161; the CAdES signature-time-stamp). */
export async function requestTimeStamp(tsa: TimeStampAuthority, signatureValue: Uint8Array): Promise<{ token: pkijs.ContentInfo; time: Date }> {
  const nonce = webcrypto.getRandomValues(new Uint8Array(8));
  nonce[0] = nonce[0]! & 0x7f;
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({ hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }), hashedMessage: new asn1js.OctetString({ valueHex: own(sha256(signatureValue)) }) }),
    nonce: new asn1js.Integer({ valueHex: own(nonce) }),
    certReq: true,
  });
  const response = await fetch(tsa.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/timestamp-query' },
    body: Buffer.from(request.toSchema().toBER(false)),
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`Time-stamp authority answered HTTP ${response.status}`);
  const answer = pkijs.TimeStampResp.fromBER(new Uint8Array(await response.arrayBuffer()));
  if (answer.status.status > 1 || !answer.timeStampToken) throw new Error(`Time-stamp authority refused the request (status ${answer.status.status})`);
  const tst = pkijs.TSTInfo.fromBER(own(new pkijs.SignedData({ schema: answer.timeStampToken.content }).encapContentInfo.eContent!.valueBlock.valueHexView));
  if (hex(tst.messageImprint.hashedMessage.valueBlock.valueHexView) !== hex(sha256(signatureValue))) throw new Error('Time-stamp token does not cover this signature');
  return { token: answer.timeStampToken, time: tst.genTime };
}

/** The CMS (CAdES detached) over the bytes @signpdf hands it. */
class CadesDetachedSigner extends Signer {
  timeStampedAt: Date | null = null;

  constructor(
    private readonly credentials: SigningCredentials,
    private readonly tsa: TimeStampAuthority | undefined,
  ) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const { certificate, chain, privateKey } = this.credentials;
    const signedData = new pkijs.SignedData({
      version: 1,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
      certificates: [certificate, ...chain],
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
              new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: own(sha256(pdfBuffer)) })] }),
              signingCertificateV2(certificate),
            ],
          }),
        }),
      ],
    });
    await signedData.sign(privateKey, 0, 'SHA-256');
    if (this.tsa) {
      const signerInfo = signedData.signerInfos[0]!;
      const { token, time } = await requestTimeStamp(this.tsa, signerInfo.signature.valueBlock.valueHexView);
      signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
        type: 1,
        attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [token.toSchema()] })],
      });
      this.timeStampedAt = time;
    }
    const cms = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
    return Buffer.from(cms.toSchema().toBER(false));
  }
}

export interface SignOptions {
  /** ASCII only: placeholder-plain mangles other letters in these strings. */
  reason: string;
  location: string;
  name: string;
  signingTime: Date;
  tsa?: TimeStampAuthority;
}

/** Signs a PDF as PAdES B-B (B-T with a TSA): an incremental update appended to the issued bytes. */
export async function signPdf(pdf: Buffer, credentials: SigningCredentials, options: SignOptions): Promise<{ pdf: Buffer; level: 'B-B' | 'B-T'; timeStampedAt: Date | null }> {
  const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '');
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: ascii(options.reason),
    contactInfo: '',
    name: ascii(options.name),
    location: ascii(options.location),
    signingTime: options.signingTime,
    signatureLength: options.tsa ? 24_576 : 12_288,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'DienHinhTienTien',
  });
  const signer = new CadesDetachedSigner(credentials, options.tsa);
  const signed = await new SignPdf().sign(withPlaceholder, signer, options.signingTime);
  return { pdf: signed, level: options.tsa ? 'B-T' : 'B-B', timeStampedAt: signer.timeStampedAt };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a signed PDF

export type SignatureProblem =
  | 'NO_SIGNATURE'
  | 'MALFORMED'
  /** The ByteRange leaves more than the signature's hex out, or does not reach the end of the file. */
  | 'NOT_WHOLE_FILE'
  /** The signed bytes' SHA-256 is not the CMS's message-digest: the bytes were changed after signing. */
  | 'DIGEST_MISMATCH'
  | 'SIGNATURE_INVALID'
  | 'CERTIFICATE_EXPIRED'
  | 'UNTRUSTED_CHAIN';

export interface SignatureReading {
  byteRange: [number, number, number, number];
  subFilter: string | null;
  /** The signature dictionary's /M (claimed signing time). */
  claimedSigningTime: Date | null;
  /** The time-stamp token's time (B-T), verified against the TSA certificate embedded in it. */
  timeStampedAt: Date | null;
  level: 'B-B' | 'B-T' | 'CMS';
  signer: CertificateFacts | null;
  /** Problems in order of gravity; empty: the signature is valid and chains to a trusted root. */
  problems: SignatureProblem[];
}

/** Each signature of the file, oldest first. */
export async function readSignatures(file: Buffer, trustedRoots: pkijs.Certificate[], now: Date): Promise<SignatureReading[]> {
  const readings: SignatureReading[] = [];
  const text = file.toString('latin1');
  const pattern = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (const match of text.matchAll(pattern)) {
    const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
    readings.push(await readOne(file, text, match.index, byteRange, trustedRoots, now));
  }
  return readings;
}

function dictionaryAround(text: string, at: number): string {
  const start = text.lastIndexOf('<<', at);
  const end = text.indexOf('>>', text.indexOf('/Contents', start) >= 0 ? text.indexOf('>', text.indexOf('/Contents', start) + 10) + 1 : at);
  return text.slice(Math.max(0, start - 200), end > 0 ? end + 2 : at + 400);
}

/** PDF date "D:20261206201500Z" / "D:20261206201500+07'00'" → Date. */
function pdfDate(s: string | undefined): Date | null {
  const m = s?.match(/D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/);
  if (!m) return null;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

async function readOne(file: Buffer, text: string, at: number, byteRange: [number, number, number, number], trustedRoots: pkijs.Certificate[], now: Date): Promise<SignatureReading> {
  const dict = dictionaryAround(text, at);
  const reading: SignatureReading = {
    byteRange,
    subFilter: dict.match(/\/SubFilter\s*\/([A-Za-z0-9.#]+)/)?.[1] ?? null,
    claimedSigningTime: pdfDate(dict.match(/\/M\s*\((D:[^)]*)\)/)?.[1]),
    timeStampedAt: null,
    level: 'CMS',
    signer: null,
    problems: [],
  };
  const [a, b, c, d] = byteRange;
  // The ByteRange starts at 0, leaves out exactly the hex string <…> and reaches the end of the file.
  if (a !== 0 || c <= b || c + d !== file.length || file[b] !== 0x3c || file[c - 1] !== 0x3e || !/^[0-9a-fA-F]*$/.test(text.slice(b + 1, c - 1))) {
    reading.problems.push(c + d > file.length || a !== 0 ? 'MALFORMED' : 'NOT_WHOLE_FILE');
    if (c + d > file.length || a !== 0 || file[b] !== 0x3c) return reading;
  }
  let signedData: pkijs.SignedData;
  try {
    // The hex string is padded with zeros after the DER: the DER's own length says where it ends (a trailing 0x00 may be its own).
    const padded = Buffer.from(text.slice(b + 1, c - 1), 'hex');
    const parsed = asn1js.fromBER(own(padded));
    if (parsed.offset === -1) throw new Error('not BER');
    const cms = pkijs.ContentInfo.fromBER(own(padded.subarray(0, parsed.offset)));
    if (cms.contentType !== OID.signedData) throw new Error('not SignedData');
    signedData = new pkijs.SignedData({ schema: cms.content });
  } catch {
    reading.problems.push('MALFORMED');
    return reading;
  }
  const signerInfo = signedData.signerInfos[0];
  const certificates = (signedData.certificates ?? []).filter((x): x is pkijs.Certificate => x instanceof pkijs.Certificate);
  const sid = signerInfo?.sid;
  const signerCertificate =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? certificates.find((x) => x.issuer.isEqual(sid.issuer) && x.serialNumber.isEqual(sid.serialNumber))
      : undefined;
  if (!signerInfo || !signerCertificate) {
    reading.problems.push('MALFORMED');
    return reading;
  }
  reading.signer = certificateFacts(signerCertificate);
  const attrs = signerInfo.signedAttrs?.attributes ?? [];
  if (attrs.some((x) => x.type === OID.signingCertificateV2) && reading.subFilter === SUBFILTER_ETSI_CADES_DETACHED) reading.level = 'B-B';

  // B-T: a signature-time-stamp over the signature value, itself a valid signature by its TSA.
  const tsAttr = signerInfo.unsignedAttrs?.attributes.find((x) => x.type === OID.signatureTimeStampToken);
  if (tsAttr) {
    try {
      const token = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(tsAttr.values[0]!.toBER(false)).content });
      const tst = pkijs.TSTInfo.fromBER(own(token.encapContentInfo.eContent!.valueBlock.valueHexView));
      const imprintOk = hex(tst.messageImprint.hashedMessage.valueBlock.valueHexView) === hex(sha256(signerInfo.signature.valueBlock.valueHexView));
      // pkijs checks a TSTInfo's message imprint against the data given: the signature value it time-stamps.
      const tokenOk = await token.verify({ signer: 0, data: own(signerInfo.signature.valueBlock.valueHexView), checkChain: false });
      if (imprintOk && tokenOk) {
        reading.timeStampedAt = tst.genTime;
        if (reading.level === 'B-B') reading.level = 'B-T';
      }
    } catch {
      /* an unreadable time-stamp is no time-stamp: the signature stays B-B */
    }
  }

  const signed = Buffer.concat([file.subarray(a, a + b), file.subarray(c, c + d)]);
  const digest = attrs.find((x) => x.type === OID.messageDigest)?.values[0];
  if (!(digest instanceof asn1js.OctetString) || hex(digest.valueBlock.valueHexView) !== hex(sha256(signed))) {
    reading.problems.push('DIGEST_MISMATCH');
    return reading;
  }
  let cryptoOk = false;
  try {
    // Signature over the signed attributes, without the chain: the chain is judged next, on its own.
    cryptoOk = await signedData.verify({ signer: 0, data: own(signed), checkChain: false });
  } catch {
    cryptoOk = false;
  }
  if (!cryptoOk) {
    reading.problems.push('SIGNATURE_INVALID');
    return reading;
  }
  // Validity at the time-stamp's time if any (B-T), else now (B-B has no trusted time).
  const validAt = reading.timeStampedAt ?? now;
  if (validAt > signerCertificate.notAfter.value || validAt < signerCertificate.notBefore.value) reading.problems.push('CERTIFICATE_EXPIRED');
  if (!(await chainsToTrustedRoot(signerCertificate, certificates, trustedRoots, validAt))) reading.problems.push('UNTRUSTED_CHAIN');
  return reading;
}

async function chainsToTrustedRoot(certificate: pkijs.Certificate, pool: pkijs.Certificate[], trustedRoots: pkijs.Certificate[], at: Date): Promise<boolean> {
  if (trustedRoots.length === 0) return false;
  const rootHashes = new Set(trustedRoots.map((r) => hex(sha256(der(r)))));
  const intermediates = pool.filter((x) => !rootHashes.has(hex(sha256(der(x)))) && x !== certificate);
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: trustedRoots, certs: [certificate, ...intermediates], checkDate: at });
  try {
    const result = await engine.verify();
    return result.result === true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// "The same document": the signed file is the issued bytes plus an incremental update that adds a signature

/** Keys of the catalog a signing tool may add or change (the form, permissions, validation data). */
const CATALOG_KEYS_ALLOWED = ['AcroForm', 'Perms', 'DSS', 'Extensions'];

export type SameDocumentProblem = 'NOT_A_PREFIX' | 'CONTENT_CHANGED';

/**
 * Whether `signed` is `issued` plus one or more incremental updates that change nothing a reader sees: every
 * object of the issued file is unchanged in the signed one, except the catalog (which may gain a form, permissions
 * or validation data), pages (which may gain signature widgets in /Annots) and the document information.
 */
export async function sameDocument(issued: Buffer, signed: Buffer): Promise<SameDocumentProblem | null> {
  const prefix = issued.at(-1) === 0x0a ? issued.subarray(0, issued.length - 1) : issued;
  if (signed.length <= prefix.length || !signed.subarray(0, prefix.length).equals(prefix)) return 'NOT_A_PREFIX';
  let before: PDFDocument;
  let after: PDFDocument;
  try {
    before = await PDFDocument.load(issued, { updateMetadata: false, throwOnInvalidObject: true });
    after = await PDFDocument.load(signed, { updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    return 'CONTENT_CHANGED';
  }
  const catalogRef = before.context.trailerInfo.Root as PDFRef;
  const infoRef = before.context.trailerInfo.Info as PDFRef | undefined;
  if ((after.context.trailerInfo.Root as PDFRef).toString() !== catalogRef.toString()) return 'CONTENT_CHANGED';
  const pageRefs = new Set(before.getPages().map((p) => p.ref.toString()));
  for (const [ref, original] of before.context.enumerateIndirectObjects()) {
    const now = after.context.lookup(ref);
    if (!now) return 'CONTENT_CHANGED';
    if (infoRef && ref.toString() === infoRef.toString()) continue;
    if (ref.toString() === catalogRef.toString()) {
      if (!(original instanceof PDFDict) || !(now instanceof PDFDict) || without(original, CATALOG_KEYS_ALLOWED) !== without(now, CATALOG_KEYS_ALLOWED)) return 'CONTENT_CHANGED';
      continue;
    }
    if (pageRefs.has(ref.toString())) {
      if (!(original instanceof PDFDict) || !(now instanceof PDFDict) || without(original, ['Annots']) !== without(now, ['Annots'])) return 'CONTENT_CHANGED';
      if (!onlySignatureWidgetsAdded(after, original, now)) return 'CONTENT_CHANGED';
      continue;
    }
    if (original.toString() !== now.toString()) return 'CONTENT_CHANGED';
  }
  return null;
}

function without(dict: PDFDict, keys: string[]): string {
  const copy = dict.clone();
  for (const k of keys) copy.delete(PDFName.of(k));
  return copy.toString();
}

/** The page's annotations are the old ones followed by signature widgets (/Subtype /Widget, /FT /Sig). */
function onlySignatureWidgetsAdded(doc: PDFDocument, original: PDFDict, now: PDFDict): boolean {
  const list = (d: PDFDict): PDFObject[] => {
    const annots = d.lookup(PDFName.of('Annots'));
    return annots instanceof PDFArray ? annots.asArray() : [];
  };
  const old = list(original).map(String);
  const current = list(now);
  if (old.some((o, i) => String(current[i]) !== o)) return false;
  return current.slice(old.length).every((a) => {
    const widget = a instanceof PDFRef ? doc.context.lookup(a) : a;
    if (!(widget instanceof PDFDict)) return false;
    const subtype = widget.lookup(PDFName.of('Subtype'));
    const fieldType = widget.lookup(PDFName.of('FT')) ?? (widget.lookup(PDFName.of('Parent')) as PDFDict | undefined)?.lookup?.(PDFName.of('FT'));
    return String(subtype) === '/Widget' && String(fieldType) === '/Sig';
  });
}
