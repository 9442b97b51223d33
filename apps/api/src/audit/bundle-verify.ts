/**
 * Offline verification of an export bundle (cli.js verify-bundle), with no database: only the zip and the office's
 * public key, obtained separately. Checks each record's hash and the links of each chain within the bundle, the
 * inclusion proof of each record in the checkpoint's Merkle tree, the checkpoint's signature by the key given, the
 * witness's line against the checkpoint, and the hashes of the council file (urn, decisions). Names what failed.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { KeyObject } from 'node:crypto';
import type { TrailRecord } from '#contracts';
import { auditHash } from './audit-hash.js';
import { parseWitnessLine } from './audit-witness.js';
import { canonicalSha256, type CaseFile, type InclusionProofs } from './case-bundle.js';
import { checkSignature, parseCheckpoint } from './checkpoint-format.js';
import { keyIdOf } from './ed25519.js';
import { verifyInclusion } from './merkle-inclusion.js';
import { recordLeafHash } from './merkle.js';

export interface BundleFinding {
  ok: boolean;
  /** A stable code: what was checked, or what failed. */
  code: string;
  vi: string;
  en: string;
}

export interface BundleVerdict {
  ok: boolean;
  findings: BundleFinding[];
}

const recomputed = (r: TrailRecord) =>
  auditHash({
    stream: r.stream,
    seq: r.seq,
    candidateId: r.candidateId,
    eventType: r.eventType,
    payload: r.payload,
    fromState: r.fromState,
    toState: r.toState,
    actor: r.actor,
    occurredAt: r.occurredAt,
    machineVersion: r.machineVersion,
    prevHash: r.prevHash,
    ...(r.attests ? { attests: r.attests } : {}),
  });

export function verifyBundle(zip: Uint8Array, publicKeys: KeyObject[]): BundleVerdict {
  const findings: BundleFinding[] = [];
  const fail = (code: string, vi: string, en: string) => findings.push({ ok: false, code, vi, en });
  const pass = (code: string, vi: string, en: string) => findings.push({ ok: true, code, vi, en });
  const done = () => ({ ok: findings.every((f) => f.ok), findings });

  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    fail('BUNDLE_UNREADABLE', 'Không đọc được tệp zip.', 'The zip file cannot be read.');
    return done();
  }
  const json = (name: string): unknown => {
    const data = files[name];
    if (!data) return undefined;
    try {
      return JSON.parse(strFromU8(data));
    } catch {
      return null;
    }
  };
  for (const name of ['records.json', 'checkpoint.json', 'proofs.json', 'witness.json']) {
    if (!files[name]) fail('FILE_MISSING', `Thiếu tệp ${name}.`, `The file ${name} is missing.`);
  }
  if (findings.length > 0) return done();

  // 1. Each record's hash, and each chain's links within the bundle.
  const bundle = json('records.json') as { filter?: Record<string, string>; records?: TrailRecord[] } | null;
  const caseFile = json('case.json') as CaseFile | null | undefined;
  if (!bundle || !Array.isArray(bundle.records)) {
    fail('FILE_MALFORMED', 'Tệp records.json không đúng định dạng.', 'records.json is malformed.');
    return done();
  }
  const records = bundle.records;
  const all = [...records, ...(caseFile?.decisionRecords ?? [])];
  const hashOf = new Map<string, string>();
  let badHashes = 0;
  for (const r of all) {
    const h = recomputed(r);
    hashOf.set(r.id, h);
    if (h !== r.hash) {
      badHashes += 1;
      fail('RECORD_HASH_MISMATCH', `Bản ghi ${r.id} (${r.stream} #${r.seq}): nội dung không khớp mã băm của nó.`, `Record ${r.id} (${r.stream} #${r.seq}): its content does not match its hash.`);
    }
  }
  const wholeStreams = Boolean(bundle.filter?.candidateId);
  const streams = new Map<string, TrailRecord[]>();
  for (const r of records) streams.set(r.stream, [...(streams.get(r.stream) ?? []), r]);
  let badLinks = 0;
  for (const [stream, list] of streams) {
    list.sort((a, b) => a.seq - b.seq);
    list.forEach((r, i) => {
      const before = list[i - 1];
      if (i === 0) {
        if (r.seq === 1 && r.prevHash !== null) {
          badLinks += 1;
          fail('LINK_BROKEN', `${stream} #1: bản ghi đầu tiên không được trỏ tới bản ghi nào.`, `${stream} #1: the first record must link to none.`);
        } else if (r.seq !== 1 && wholeStreams) {
          badLinks += 1;
          fail('RECORD_MISSING', `${stream}: thiếu các bản ghi từ #1 đến #${r.seq - 1}.`, `${stream}: records #1 to #${r.seq - 1} are missing.`);
        }
        return;
      }
      if (r.seq === before!.seq + 1) {
        if (r.prevHash !== before!.hash) {
          badLinks += 1;
          fail('LINK_BROKEN', `${stream} #${r.seq}: không trỏ tới mã băm của bản ghi #${before!.seq}.`, `${stream} #${r.seq}: does not link to the hash of record #${before!.seq}.`);
        }
      } else if (wholeStreams) {
        badLinks += 1;
        fail('RECORD_MISSING', `${stream}: thiếu bản ghi giữa #${before!.seq} và #${r.seq}.`, `${stream}: records are missing between #${before!.seq} and #${r.seq}.`);
      }
    });
  }
  if (badHashes === 0 && badLinks === 0) {
    pass('CHAINS', `${all.length} bản ghi trong ${streams.size} chuỗi: mã băm và liên kết đúng.`, `${all.length} records in ${streams.size} chains: hashes and links hold.`);
  }

  // 2. The checkpoint's signature, by a key the verifier was given (never the key the bundle carries).
  const checkpoint = parseCheckpoint(json('checkpoint.json'));
  if (!checkpoint) {
    fail('CHECKPOINT_MISSING', 'Bộ hồ sơ không có điểm kiểm hợp lệ: không neo được các bản ghi.', 'The bundle has no well-formed checkpoint: the records cannot be anchored.');
    return done();
  }
  const trusted = new Map(publicKeys.map((k) => [keyIdOf(k), k]));
  const verdict = checkSignature(checkpoint, trusted);
  if (verdict === 'VALID') {
    pass('CHECKPOINT_SIGNATURE', `Điểm kiểm ${checkpoint.treeSize} lá: chữ ký hợp lệ (khóa ${checkpoint.keyId}).`, `Checkpoint of ${checkpoint.treeSize} leaves: valid signature (key ${checkpoint.keyId}).`);
  } else {
    fail(
      `CHECKPOINT_${verdict}`,
      `Điểm kiểm ${checkpoint.treeSize} lá: chữ ký không được khóa đã cho xác nhận (${verdict}).`,
      `Checkpoint of ${checkpoint.treeSize} leaves: its signature is not confirmed by the key given (${verdict}).`,
    );
  }

  // 3. Each record's inclusion proof against the checkpoint's root.
  const proofs = json('proofs.json') as InclusionProofs | null;
  if (!proofs || proofs.treeSize !== checkpoint.treeSize || proofs.rootHash !== checkpoint.rootHash || !Array.isArray(proofs.proofs)) {
    fail('PROOFS_MISMATCH', 'Tệp proofs.json không khớp với điểm kiểm.', 'proofs.json does not match the checkpoint.');
  } else {
    const root = Buffer.from(checkpoint.rootHash, 'hex');
    const proven = new Set<string>();
    let bad = 0;
    const byId = new Map(all.map((r) => [r.id, r]));
    for (const p of proofs.proofs) {
      const record = byId.get(p.auditId);
      const hash = hashOf.get(p.auditId);
      if (!record) {
        bad += 1;
        fail('RECORD_MISSING', `Bản ghi ${p.auditId} (lá ${p.leafIndex}) có chứng minh nhưng không có trong bộ hồ sơ.`, `Record ${p.auditId} (leaf ${p.leafIndex}) has a proof but is missing from the bundle.`);
        continue;
      }
      const ok =
        record !== undefined &&
        hash !== undefined &&
        record.leafIndex === p.leafIndex &&
        Array.isArray(p.path) &&
        p.path.every((h) => /^[0-9a-f]{64}$/.test(h)) &&
        verifyInclusion(p.leafIndex, proofs.treeSize, recordLeafHash(hash), p.path.map((h) => Buffer.from(h, 'hex')), root);
      if (ok) proven.add(p.auditId);
      else {
        bad += 1;
        fail(
          'INCLUSION_PROOF_INVALID',
          `Bản ghi ${p.auditId}${record ? ` (${record.stream} #${record.seq})` : ''}: không chứng minh được nằm ở lá ${p.leafIndex} của điểm kiểm.`,
          `Record ${p.auditId}${record ? ` (${record.stream} #${record.seq})` : ''}: not proven to be leaf ${p.leafIndex} of the checkpoint.`,
        );
      }
    }
    const unproven = all.filter((r) => r.leafIndex !== null && r.leafIndex < checkpoint.treeSize && !proven.has(r.id));
    if (proofs.omitted === 0) {
      for (const r of unproven.filter((u) => !proofs.proofs.some((p) => p.auditId === u.id))) {
        bad += 1;
        fail('INCLUSION_PROOF_MISSING', `Bản ghi ${r.id} (${r.stream} #${r.seq}): điểm kiểm phủ nhưng không có chứng minh.`, `Record ${r.id} (${r.stream} #${r.seq}): covered by the checkpoint but has no proof.`);
      }
    }
    if (bad === 0) {
      const newer = all.length - proven.size;
      pass(
        'INCLUSION',
        `${proven.size} bản ghi được chứng minh nằm trong cây của điểm kiểm${newer > 0 ? `; ${newer} bản ghi mới hơn điểm kiểm (chưa được phủ)` : ''}.`,
        `${proven.size} records proven to be in the checkpoint's tree${newer > 0 ? `; ${newer} records are newer than the checkpoint (not yet covered)` : ''}.`,
      );
    }
  }

  // 4. The witness's line: the same checkpoint, kept outside the database.
  const witness = json('witness.json') as { location: string | null; entry: unknown } | null;
  if (!witness || witness.entry === null || witness.entry === undefined) {
    findings.push({
      ok: true,
      code: 'WITNESS_ABSENT',
      vi: 'Lưu ý: bộ hồ sơ không kèm dòng của nơi chứng thực cho điểm kiểm này (chưa cấu hình hoặc chưa ghi).',
      en: 'Note: the bundle carries no witness line for this checkpoint (none configured, or not yet written).',
    });
  } else {
    const entry = parseWitnessLine(JSON.stringify(witness.entry));
    const same = entry !== null && JSON.stringify(entry.checkpoint) === JSON.stringify(checkpoint);
    if (same) pass('WITNESS', `Dòng của nơi chứng thực (${witness.location ?? '?'}) trùng với điểm kiểm.`, `The witness's line (${witness.location ?? '?'}) matches the checkpoint.`);
    else fail('WITNESS_MISMATCH', 'Dòng của nơi chứng thực không trùng với điểm kiểm.', "The witness's line does not match the checkpoint.");
  }

  // 5. The council file's own hashes.
  if (caseFile) {
    let bad = 0;
    for (const review of caseFile.reviews ?? []) {
      if (review.urn && canonicalSha256(review.urn.ballots) !== review.urn.sha256) {
        bad += 1;
        fail('URN_HASH_MISMATCH', `Hòm phiếu của mục ${String(review.item.id)}: mã băm không khớp.`, `The urn of item ${String(review.item.id)}: its hash does not match.`);
      }
    }
    for (const d of caseFile.decisions ?? []) {
      if (canonicalSha256({ decision: d.decision, recipient: d.recipient }) !== d.sha256) {
        bad += 1;
        fail('DECISION_HASH_MISMATCH', `Quyết định ${String(d.decision.id)}: mã băm không khớp.`, `Decision ${String(d.decision.id)}: its hash does not match.`);
      }
    }
    if (bad === 0) pass('CASE_FILE', `Hồ sơ hội đồng: ${caseFile.reviews.length} lượt xét, ${caseFile.decisions.length} quyết định; mã băm đúng.`, `Council file: ${caseFile.reviews.length} reviews, ${caseFile.decisions.length} decisions; hashes hold.`);
  }
  return done();
}
