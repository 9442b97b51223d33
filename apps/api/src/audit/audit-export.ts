/**
 * The export bundle for a case file: one zip with the matching records as JSON and as CSV (UTF-8 with a
 * byte order mark, so that Excel reads Vietnamese correctly), the latest signed checkpoint with the witness's line
 * for it and the inclusion proofs of the records in its tree, for a candidate the council file (case.json), and
 * the verification report of the records' streams. Records are streamed into the archive, never held whole.
 * `cli.js verify-bundle` checks it offline (bundle-verify.ts).
 */
import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Zip, ZipDeflate } from 'fflate';
import { once } from 'node:events';
import { AuditCheckpoints } from './audit-checkpoints.service.js';
import { AuditTrails } from './audit-trails.service.js';
import { AuditVerifier } from './audit-verifier.service.js';
import type { TrailRecord } from '#contracts';
import { CaseBundle, MAX_PROVEN_RECORDS } from './case-bundle.js';
import type { AuditTrailFilter } from './dto/audit-queries.js';
import { attachment } from '../common/download-name.js';

const CSV_COLUMNS: [string, (r: TrailRecord) => string | number | null][] = [
  ['Mã bản ghi / Record id', (r) => r.id],
  ['Chuỗi / Stream', (r) => r.stream],
  ['Số thứ tự / Seq', (r) => r.seq],
  ['Hồ sơ / Candidate', (r) => r.candidateId],
  ['Sự kiện / Event', (r) => r.eventType],
  ['Tên sự kiện / Event label', (r) => (r.eventLabel ? `${r.eventLabel.vi} / ${r.eventLabel.en}` : null)],
  ['Từ trạng thái / From state', (r) => r.fromState],
  ['Đến trạng thái / To state', (r) => r.toState],
  ['Người thực hiện / Actor', (r) => r.actor],
  ['Thời điểm (UTC) / Occurred at (UTC)', (r) => r.occurredAt],
  ['Dữ liệu (JSON) / Payload (JSON)', (r) => JSON.stringify(r.payload)],
  ['Phiên bản máy trạng thái / Machine version', (r) => r.machineVersion],
  ['Mã băm trước / Previous hash', (r) => r.prevHash],
  ['Mã băm / Hash', (r) => r.hash],
  ['Vị trí lá Merkle / Merkle leaf index', (r) => r.leafIndex],
];

/** RFC 4180 quoting; text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const README = (exportedAt: string, filter: Record<string, string>, parts: { checkpoint: boolean; witness: boolean; caseFile: boolean; proofs: boolean }) =>
  [
    'NHẬT KÝ KIỂM TOÁN — BỘ HỒ SƠ TRÍCH XUẤT / AUDIT TRAIL — EXPORT BUNDLE',
    '',
    `Thời điểm trích xuất / Exported at: ${exportedAt}`,
    `Bộ lọc / Filter: ${JSON.stringify(filter)}`,
    '',
    'records.json       Các bản ghi, đúng như đã lưu / The records, exactly as stored',
    'records.csv        Các bản ghi dạng bảng (UTF-8) / The records as a table (UTF-8)',
    parts.checkpoint
      ? 'checkpoint.json    Điểm kiểm mới nhất có chữ ký Ed25519 / The latest Ed25519-signed checkpoint'
      : 'checkpoint.json    (chưa có điểm kiểm nào / no checkpoint yet)',
    parts.witness
      ? 'witness.json       Dòng của nơi chứng thực (ngoài cơ sở dữ liệu) ghi điểm kiểm này / The witness’s line (outside the database) for this checkpoint'
      : 'witness.json       (nơi chứng thực chưa có điểm kiểm này hoặc chưa được cấu hình / the witness does not hold this checkpoint or none is configured)',
    parts.proofs
      ? 'proofs.json        Chứng minh mỗi bản ghi nằm trong cây Merkle của điểm kiểm / Proof that each record is in the checkpoint’s Merkle tree'
      : 'proofs.json        (không có / none)',
    ...(parts.caseFile
      ? ['case.json          Hồ sơ hội đồng: phiếu chấm, kết quả bỏ phiếu, mã băm hòm phiếu, quyết định và mã băm / The council file: checklists, ballot tally, urn hash, decisions and their hashes']
      : []),
    'verification.json  Kết quả kiểm tra các chuỗi của các bản ghi này và mọi điểm kiểm / Verification of these records’ chains and of every checkpoint',
    '',
    'KIỂM TRA KHÔNG CẦN MÁY CHỦ — cần khóa công khai của cơ quan, nhận riêng (không lấy từ bộ hồ sơ này):',
    '  node dist/apps/api/src/audit/cli.js verify-bundle <tệp>.zip --public-key khoa-cong-khai.txt',
    'Lệnh kiểm tra: mã băm và liên kết của từng chuỗi trong bộ hồ sơ; chứng minh mỗi bản ghi thuộc gốc Merkle của',
    'điểm kiểm; chữ ký của điểm kiểm bằng khóa đã cho; dòng của nơi chứng thực trùng với điểm kiểm; mã băm của hòm',
    'phiếu và các quyết định. Kết quả 0: hợp lệ; 1: có sai lệch (nêu rõ tệp và bản ghi).',
    '',
    'OFFLINE VERIFICATION — needs the office’s public key, obtained separately (never from this bundle):',
    '  node dist/apps/api/src/audit/cli.js verify-bundle <file>.zip --public-key office-public-key.txt',
    'It checks: each chain’s hashes and links within the bundle; that each record is in the Merkle tree of the',
    'checkpoint’s root; the checkpoint’s signature with the key given; that the witness’s line matches the checkpoint;',
    'the hashes of the urn and of the decisions. Exit 0: valid; 1: something differs (it names the file and record).',
    '',
    'Mỗi bản ghi có mã băm SHA-256 trên dạng JSON chuẩn hóa RFC 8785 của nội dung, và trỏ tới mã băm của bản ghi',
    'trước trong cùng chuỗi. Hãy lưu checkpoint.json ở nơi khác: lần kiểm tra sau, đưa tệp này vào',
    '(node dist/apps/api/src/audit/cli.js verify --checkpoint checkpoint.json) để chứng minh lịch sử không bị viết lại.',
    '',
    'Each record carries the SHA-256 of the RFC 8785 canonical JSON of its content and links to the hash of the',
    'previous record of its stream. Keep checkpoint.json elsewhere: supplying it to a later verification proves',
    'that history has not been rewritten since.',
    '',
    'Trong CSV, ô bắt đầu bằng = + - @ được thêm dấu nháy đơn để bảng tính không chạy như công thức; records.json',
    'giữ nguyên dữ liệu. / In the CSV, cells starting with = + - @ get a leading apostrophe so that spreadsheets do',
    'not run them as formulas; records.json keeps the data unchanged.',
    '',
  ].join('\r\n');

@Injectable()
export class AuditExport {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly trails: AuditTrails,
    private readonly verifier: AuditVerifier,
    private readonly checkpoints: AuditCheckpoints,
    private readonly bundle: CaseBundle,
  ) {}

  async write(filter: AuditTrailFilter, res: Response): Promise<void> {
    // Everything that can fail with a proper error answer happens before the first byte is sent.
    const resolved = await this.trails.resolve(filter);
    const streams = await this.trails.streams(resolved);
    const report = await this.verifier.verify({ streams });
    const checkpoint = await this.checkpoints.latest();
    const witness = await this.bundle.witnessEntry(checkpoint);
    const caseFile = filter.candidateId ? await this.bundle.caseOf(filter.candidateId) : null;
    const exportedAt = new Date().toISOString();
    const name = `Nhật ký kiểm toán ${exportedAt.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}.zip`;

    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', attachment(name));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');

    const zip = new Zip((error, chunk, final) => {
      if (error) {
        res.destroy(error);
        return;
      }
      res.write(chunk);
      if (final) res.end();
    });
    const encoder = new TextEncoder();
    const drained = async () => {
      // The archive is produced as fast as the database answers; wait when the client reads slower.
      if (res.writableNeedDrain) await once(res, 'drain');
    };
    const file = (fileName: string) => {
      const entry = new ZipDeflate(fileName, { level: 6 });
      zip.add(entry);
      return {
        push: (text: string) => entry.push(encoder.encode(text), false),
        close: () => entry.push(new Uint8Array(0), true),
      };
    };

    try {
      const readme = file('README.txt');
      readme.push(
        `\uFEFF${README(exportedAt, resolved.described, { checkpoint: checkpoint !== null, witness: witness.entry !== null, caseFile: caseFile !== null, proofs: checkpoint !== null })}`,
      );
      readme.close();

      // The records to prove, gathered while they stream past (at most MAX_PROVEN_RECORDS).
      const toProve: { id: string; leafIndex: number | null; hash: string }[] = [];
      let omitted = 0;
      const json = file('records.json');
      json.push(`{"exportedAt":${JSON.stringify(exportedAt)},"filter":${JSON.stringify(resolved.described)},"records":[`);
      let first = true;
      for await (const page of this.trails.records(resolved)) {
        let text = '';
        for (const r of page) {
          text += `${first ? '' : ','}\n${JSON.stringify(r)}`;
          first = false;
          if (toProve.length < MAX_PROVEN_RECORDS) toProve.push({ id: r.id, leafIndex: r.leafIndex, hash: r.hash });
          else omitted += 1;
        }
        json.push(text);
        await drained();
      }
      json.push('\n]}\n');
      json.close();

      const csv = file('records.csv');
      csv.push(`\uFEFF${CSV_COLUMNS.map(([header]) => csvCell(header)).join(',')}\r\n`);
      for await (const page of this.trails.records(resolved)) {
        csv.push(page.map((r) => `${CSV_COLUMNS.map(([, cell]) => csvCell(cell(r))).join(',')}\r\n`).join(''));
        await drained();
      }
      csv.close();

      const cp = file('checkpoint.json');
      cp.push(`${JSON.stringify(checkpoint, null, 2)}\n`);
      cp.close();

      const witnessFile = file('witness.json');
      witnessFile.push(`${JSON.stringify(witness, null, 2)}\n`);
      witnessFile.close();

      if (caseFile) {
        const caseEntry = file('case.json');
        caseEntry.push(`${JSON.stringify(caseFile, null, 2)}\n`);
        caseEntry.close();
        for (const r of caseFile.decisionRecords) toProve.push({ id: r.id, leafIndex: r.leafIndex, hash: r.hash });
      }

      const proofs = file('proofs.json');
      proofs.push(`${JSON.stringify(checkpoint ? await this.bundle.proofs(checkpoint, toProve, omitted) : null)}\n`);
      proofs.close();

      const verification = file('verification.json');
      verification.push(`${JSON.stringify(report, null, 2)}\n`);
      verification.close();
      zip.end();
    } catch (error) {
      // The status line is gone already: all that is left is to cut the download short, and say why in the log.
      this.logger.error(error, 'Trích xuất nhật ký thất bại / Audit export failed');
      res.destroy(error as Error);
    }
  }
}
