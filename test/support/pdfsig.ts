/**
 * Poppler's pdfsig, the independent verifier of the product's PAdES signatures (Debian's poppler-utils; NSS's
 * certutil from libnss3-tools makes the trust store). The PDF is checked against a fresh NSS database that trusts
 * only the root given.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function pdfsig(pdf: Buffer, rootPem?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdfsig-'));
  try {
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, pdf);
    const args: string[] = [];
    if (rootPem) {
      const db = join(dir, 'nssdb');
      execFileSync('mkdir', [db]);
      execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
      writeFileSync(join(dir, 'root.pem'), rootPem);
      execFileSync('certutil', ['-A', '-d', `sql:${db}`, '-n', 'root', '-t', 'CT,C,C', '-i', join(dir, 'root.pem')]);
      args.push('-nssdir', `sql:${db}`);
    }
    const run = spawnSync('pdfsig', [...args, file], { encoding: 'utf8' });
    return `${run.stdout}${run.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
