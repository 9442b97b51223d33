/**
 * Where signing keys come from: a PKCS#12 file (the office's signing certificate, SIGNING_P12_FILE +
 * SIGNING_P12_PASSPHRASE), or, on the demo, a small certificate authority of its own generated at first start in
 * the key folder beside the audit keys (never committed, never in the database). The same generator makes the
 * tests' authorities.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { parseCertificate, type SigningCredentials } from './pades.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;

/** The key and certificate chain of a PKCS#12 file (RSA keys: those the government CA's tokens carry). */
export async function loadPkcs12(file: Buffer, passphrase: string): Promise<SigningCredentials> {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(file.toString('binary')), false, passphrase);
  const keyBag = [...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []), ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? [])][0];
  if (!keyBag?.key) throw new Error('the PKCS#12 file holds no RSA private key');
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
  const key = keyBag.key as forge.pki.rsa.PrivateKey;
  // The signer's certificate is the one whose public key is the private key's.
  const signer = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n));
  if (!signer) throw new Error('the PKCS#12 file holds no certificate for its private key');
  // forge keeps each certificate's original TBSCertificate, so re-encoding gives the same bytes.
  const toPkijs = (c: forge.pki.Certificate) => parseCertificate(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary'));
  const pkcs8 = Buffer.from(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))).getBytes(), 'binary');
  return {
    privateKey: await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']),
    certificate: toPkijs(signer),
    chain: certs.filter((c) => c !== signer).map(toPkijs),
  };
}

/** Credentials from a PKCS#8 PEM key and a PEM bundle whose first certificate is the signer's. */
export async function credentialsFromPem(keyPem: string, chainPem: string): Promise<SigningCredentials> {
  const der = Buffer.from(keyPem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '').replace(/\s+/g, ''), 'base64');
  const [certificate, ...chain] = [...chainPem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => parseCertificate(m[0]));
  if (!certificate) throw new Error('no certificate in the chain file');
  return { privateKey: await webcrypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']), certificate, chain };
}

export interface IssuedPki {
  root: { certificate: x509.X509Certificate; keys: CryptoKeyPair };
  signer: { certificate: x509.X509Certificate; keys: CryptoKeyPair };
  /** PEM: the signer's private key (PKCS#8), the signer's certificate then the root's, the root alone. */
  pem: { signerKey: string; chain: string; root: string };
}

export interface PkiOptions {
  rootName: string;
  signerName: string;
  notBefore: Date;
  notAfter: Date;
  /** The signer's validity, when it differs from the root's (an expired signer). */
  signerNotBefore?: Date;
  signerNotAfter?: Date;
  /** Extended key usages of the signer (none by default: poppler's pdfsig takes the signer as an e-mail signer). */
  signerExtendedKeyUsages?: string[];
}

const serial = () => Buffer.from(webcrypto.getRandomValues(new Uint8Array(12))).toString('hex').replace(/^[89a-f]/, '1');

/** A root certification authority and one signer certificate it issues (RSA 2048, SHA-256). */
export async function issuePki(options: PkiOptions): Promise<IssuedPki> {
  const rootKeys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const signerKeys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: options.rootName,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    keys: rootKeys,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const signer = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: options.signerName,
    issuer: root.subject,
    notBefore: options.signerNotBefore ?? options.notBefore,
    notAfter: options.signerNotAfter ?? options.notAfter,
    signingKey: rootKeys.privateKey,
    publicKey: signerKeys.publicKey,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(signerKeys.publicKey),
      // Given (a time-stamp authority's timeStamping), it is critical, as RFC 3161 asks.
      ...(options.signerExtendedKeyUsages ? [new x509.ExtendedKeyUsageExtension(options.signerExtendedKeyUsages, true)] : []),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', signerKeys.privateKey)).toString('base64');
  const signerKey = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  return {
    root: { certificate: root, keys: rootKeys },
    signer: { certificate: signer, keys: signerKeys },
    pem: { signerKey, chain: `${signer.toString('pem')}\n${root.toString('pem')}\n`, root: `${root.toString('pem')}\n` },
  };
}

/** A PKCS#12 file of a signer (key, certificate, root), as a token's export or an office's configuration would be. */
export function pkcs12Of(pki: IssuedPki, passphrase: string): Buffer {
  const key = forge.pki.privateKeyFromPem(pki.pem.signerKey);
  const certs = [pki.signer.certificate, pki.root.certificate].map((c) => forge.pki.certificateFromPem(c.toString('pem')));
  const p12 = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

export type { pkijs };
