import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCertificate } from '../documents/certificate.js';
import { sampleCertificate } from '../documents/document-samples.js';
import { PdfRenderer } from '../documents/pdf-renderer.js';
import { credentialsFromPem, issuePki, loadPkcs12, pkcs12Of, type IssuedPki } from './credentials.js';
import { parseCertificate, readSignatures, sameDocument, signPdf } from './pades.js';
import { pdfsig } from '../../../../test/support/pdfsig.js';

const renderer = new PdfRenderer();
const YEAR = 365 * 24 * 3600 * 1000;
const now = new Date();
let pki: IssuedPki;
let issued: Buffer;

beforeAll(async () => {
  pki = await issuePki({
    rootName: 'CN=Cơ quan chứng thực thử nghiệm, O=Ban Thi đua - Khen thưởng, C=VN',
    signerName: 'CN=Nguyễn Văn Mạnh, O=Ủy ban nhân dân tỉnh Bắc Ninh, C=VN',
    notBefore: new Date(now.getTime() - YEAR),
    notAfter: new Date(now.getTime() + YEAR),
  });
  issued = (await renderCertificate(renderer, { ...sampleCertificate(), verificationUrl: 'https://dhtt.example.vn/cong-khai/xac-minh?so=%C4%90HTT-2025-000123' })).pdf;
});

const sign = async (credentials = credentialsFromPem(pki.pem.signerKey, pki.pem.chain)) =>
  (await signPdf(issued, await credentials, { reason: 'Ban hành', location: 'Bắc Ninh', name: 'Nguyễn Văn Mạnh', signingTime: now })).pdf;

describe('PAdES B-B', () => {
  it('signs as an incremental update that pdfsig, trusting our root, validates; our reader agrees', async () => {
    const signed = await sign();
    expect(signed.subarray(0, issued.length - 1).equals(issued.subarray(0, issued.length - 1))).toBe(true);
    const out = pdfsig(signed, pki.pem.root);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Certificate Validation: Certificate is Trusted.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain("Signer Certificate Common Name: Nguyễn Văn Mạnh");
    const [reading] = await readSignatures(signed, [parseCertificate(pki.pem.root)], now);
    expect(reading).toMatchObject({ problems: [], level: 'B-B', subFilter: 'ETSI.CAdES.detached' });
    expect(reading!.signer!.subjectCommonName).toBe('Nguyễn Văn Mạnh');
    expect(await sameDocument(issued, signed)).toBeNull();
  });

  it('signs with the key of a PKCS#12 file', async () => {
    const signed = await sign(loadPkcs12(pkcs12Of(pki, 'mật khẩu thử'), 'mật khẩu thử'));
    expect(pdfsig(signed, pki.pem.root)).toContain('Signature Validation: Signature is Valid.');
    expect((await readSignatures(signed, [parseCertificate(pki.pem.root)], now))[0]!.problems).toEqual([]);
  });

  it('sees a changed byte, an untrusted chain, an expired certificate and another document', async () => {
    const signed = await sign();
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('Nguy', 200);
    tampered[at + 1] = tampered[at + 1]! ^ 1;
    expect((await readSignatures(tampered, [parseCertificate(pki.pem.root)], now))[0]!.problems).toEqual(['DIGEST_MISMATCH']);
    expect(pdfsig(tampered, pki.pem.root)).toContain('Signature Validation: Digest Mismatch.');

    const stranger = await issuePki({ rootName: 'CN=Người lạ', signerName: 'CN=Người lạ ký', notBefore: new Date(now.getTime() - YEAR), notAfter: new Date(now.getTime() + YEAR) });
    expect((await readSignatures(signed, [parseCertificate(stranger.pem.root)], now))[0]!.problems).toEqual(['UNTRUSTED_CHAIN']);

    const expiredPki = await issuePki({ rootName: 'CN=Gốc', signerName: 'CN=Hết hạn', notBefore: new Date(now.getTime() - 3 * YEAR), notAfter: new Date(now.getTime() + YEAR), signerNotAfter: new Date(now.getTime() - YEAR) });
    const expired = (await signPdf(issued, await credentialsFromPem(expiredPki.pem.signerKey, expiredPki.pem.chain), { reason: 'x', location: 'x', name: 'x', signingTime: now })).pdf;
    expect((await readSignatures(expired, [parseCertificate(expiredPki.pem.root)], now))[0]!.problems).toContain('CERTIFICATE_EXPIRED');

    const other = (await renderCertificate(renderer, { ...sampleCertificate(), recipientName: 'Người khác' })).pdf;
    expect(await sameDocument(other, signed)).toBe('NOT_A_PREFIX');
  });

  it('refuses an update that changes a page even though the signature over it is valid', async () => {
    // Another signer appends a revision that replaces the page's content, then signs the whole: pdfsig calls it
    // "Total document signed", only the object comparison sees the change.
    const { PDFDocument, rgb } = await import('pdf-lib');
    const doc = await PDFDocument.load(issued);
    doc.getPages()[0]!.drawRectangle({ x: 100, y: 100, width: 200, height: 50, color: rgb(1, 1, 1) });
    const changed = Buffer.from(await doc.save({ useObjectStreams: false }));
    // pdf-lib rewrites the file: not an incremental update of the issued bytes.
    expect(await sameDocument(issued, changed)).toBe('NOT_A_PREFIX');
    // An incremental update that overrides the page object (hand-appended revision of the same page with a new content array).
    const text = issued.toString('latin1');
    const pageNo = /(\d+) 0 obj\s*<<\s*\/Type \/Page\b/.exec(text)![1];
    const pageObj = new RegExp(`${pageNo} 0 obj\\s*(<<[\\s\\S]*?>>)\\s*endobj`).exec(text)![1]!.replace(/\/Contents (\d+) 0 R/, '/Contents [$1 0 R $1 0 R]');
    const update = Buffer.from(`\n${pageNo} 0 obj\n${pageObj}\nendobj\n`, 'latin1');
    const appended = Buffer.concat([issued, update]);
    const xrefAt = appended.length;
    const prev = /startxref\s+(\d+)/.exec(text)![1];
    const size = /\/Size (\d+)/.exec(text)![1];
    const root = /\/Root (\d+ 0 R)/.exec(text)![1];
    const offset = issued.length + 1;
    const xref = `xref\n0 1\n0000000000 65535 f \n${pageNo} 1\n${String(offset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size} /Root ${root} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    const updated = Buffer.concat([appended, Buffer.from(xref, 'latin1')]);
    const signedUpdated = (await signPdf(updated, await credentialsFromPem(pki.pem.signerKey, pki.pem.chain), { reason: 'x', location: 'x', name: 'x', signingTime: now })).pdf;
    expect(pdfsig(signedUpdated, pki.pem.root)).toContain('Signature Validation: Signature is Valid.');
    expect(await sameDocument(issued, signedUpdated)).toBe('CONTENT_CHANGED');
  });
});


describe('PAdES B-T', () => {
  it('carries a signature time-stamp from an RFC 3161 authority (openssl ts behind HTTP), which our reader checks and pdfsig accepts', async () => {
    const tsa = await issuePki({
      rootName: 'CN=Gốc dấu thời gian thử',
      signerName: 'CN=Dịch vụ cấp dấu thời gian thử',
      notBefore: new Date(now.getTime() - YEAR),
      notAfter: new Date(now.getTime() + YEAR),
      signerExtendedKeyUsages: ['1.3.6.1.5.5.7.3.8'],
    });
    const dir = mkdtempSync(join(tmpdir(), 'tsa-'));
    writeFileSync(join(dir, 'tsa.key'), tsa.pem.signerKey);
    writeFileSync(join(dir, 'tsa.crt'), tsa.signer.certificate.toString('pem'));
    writeFileSync(join(dir, 'serial'), '01\n');
    writeFileSync(
      join(dir, 'tsa.cnf'),
      `[ tsa ]\ndefault_tsa = t\n[ t ]\nserial = ${join(dir, 'serial')}\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256\ness_cert_id_alg = sha256\ness_cert_id_chain = no\ntsa_name = yes\n`,
    );
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        writeFileSync(join(dir, 'q.tsq'), Buffer.concat(chunks));
        execFileSync('openssl', ['ts', '-reply', '-config', join(dir, 'tsa.cnf'), '-queryfile', join(dir, 'q.tsq'), '-inkey', join(dir, 'tsa.key'), '-signer', join(dir, 'tsa.crt'), '-out', join(dir, 'r.tsr')], { stdio: 'ignore' });
        res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(readFileSync(join(dir, 'r.tsr')));
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const signed = await signPdf(issued, await credentialsFromPem(pki.pem.signerKey, pki.pem.chain), { reason: 'x', location: 'x', name: 'x', signingTime: now, tsa: { url } });
      expect(signed.level).toBe('B-T');
      expect(signed.timeStampedAt).toBeInstanceOf(Date);
      const [reading] = await readSignatures(signed.pdf, [parseCertificate(pki.pem.root)], new Date());
      expect(reading).toMatchObject({ level: 'B-T', problems: [] });
      expect(Math.abs(reading!.timeStampedAt!.getTime() - Date.now())).toBeLessThan(10 * 60_000);
      expect(pdfsig(signed.pdf, pki.pem.root)).toContain('Signature Validation: Signature is Valid.');
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
