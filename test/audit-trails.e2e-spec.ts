/**
 * The auditors' views: the trail of a candidate, of a person, of a unit's subtree, within a period, with
 * decisions showing the evidence they rested on; and the export bundle for a case file.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { unzipSync, strFromU8 } from 'fflate';
import { createHash } from 'node:crypto';
import { csvCell } from '../apps/api/src/audit/audit-export.js';
import { checkSignature } from '../apps/api/src/audit/checkpoint-format.js';
import { keyIdOf } from '../apps/api/src/audit/ed25519.js';
import { decideThroughCouncil } from './support/council.js';
import { startTestApp, type TestApp } from './support/app.js';
import { newCandidate, newUnit, pdfBytes, sendEvent } from './support/factories.js';
import { AUDITOR, checkpoints, newSigningKey } from './audit-support.js';
import { candidateStream } from '../apps/api/src/audit/streams.js';

// Starting an application on its own database, and long walks of events, outlast Jest's default 5 s.
jest.setTimeout(120_000);

const SECRETARY = 'thuongtruc';
let t: TestApp;
const key = newSigningKey();

/** district ⊃ commune; a department beside them. */
let district: { id: string };
let commune: { id: string };
let department: { id: string };
let inCommune: { id: string };
let inDistrict: { id: string };
let inDepartment: { id: string };

beforeAll(async () => {
  t = await startTestApp(key.env);
  district = await newUnit(t, { name: 'UBND huyện Lạng Giang', level: 'DISTRICT', sector: 'LOCALITY' });
  commune = await newUnit(t, { name: 'UBND xã Tân Thịnh', level: 'GRASSROOTS', sector: 'LOCALITY', parentId: district.id });
  department = await newUnit(t, { name: 'Sở Y tế', level: 'DEPARTMENT', sector: 'STATE' });
  inCommune = await newCandidate(t, { unitId: commune.id, state: 'underReview' });
  // Proposed for recognition by the council: the candidate is on public notice after RECOGNISE.
  await decideThroughCouncil(t, [inCommune.id], 'RECOGNISE', { final: false });
  inDistrict = await newCandidate(t, { unitId: district.id, state: 'nurturing' });
  inDepartment = await newCandidate(t, { unitId: department.id });
});
afterAll(async () => {
  await t?.close();
});

const trail = (query: string) => t.as(AUDITOR).get(`/api/audit/records?pageSize=500&${query}`);
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);
const dbIds = async (where: string, params: unknown[]) =>
  ((await t.dataSource.query(`SELECT id::text FROM audit_event WHERE ${where} ORDER BY occurred_at, id`, params)) as { id: string }[]).map((r) => r.id);
/** A calendar day in Vietnam (UTC+7), `days` from today. */
const vietnamDay = (days: number) => new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('trails', () => {
  it('of a candidate: its whole stream, in order, as its history shows it', async () => {
    const res = await trail(`candidateId=${inCommune.id}`);
    expect(res.status).toBe(200);
    const history = await t.as(AUDITOR).get(`/api/candidates/${inCommune.id}/history`);
    expect(res.body.items.map((i: { seq: number; hash: string }) => [i.seq, i.hash])).toEqual(
      history.body.records.map((r: { seq: number; hash: string }) => [r.seq, r.hash]),
    );
    expect(res.body.items[0]).toMatchObject({ stream: candidateStream(inCommune.id), eventType: 'DISCOVER', eventLabel: { vi: 'Ghi nhận phát hiện điển hình', en: 'Candidate discovered' } });
  });

  it('of a unit: its own records and those of every candidate in its subtree, not a sibling’s', async () => {
    const res = await trail(`unitId=${district.id}`);
    expect(res.status).toBe(200);
    const expected = await dbIds('stream = $1 OR candidate_id = ANY($2::uuid[])', [`unit:${district.id}`, [inCommune.id, inDistrict.id]]);
    expect(ids(res.body)).toEqual(expected);
    expect(res.body.total).toBe(expected.length);
    const streams = new Set(res.body.items.map((i: { stream: string }) => i.stream));
    expect(streams).not.toContain(candidateStream(inDepartment.id));
    expect(streams).not.toContain(`unit:${department.id}`);
  });

  it('of a person: exactly the records they made', async () => {
    const res = await trail(`actor=${SECRETARY}`);
    expect(ids(res.body)).toEqual(await dbIds('actor = $1', [SECRETARY]));
    expect(res.body.items.map((i: { eventType: string }) => i.eventType)).toContain('RECOGNISE');
    expect(res.body.items.every((i: { actor: string }) => i.actor === SECRETARY)).toBe(true);
  });

  it('within a period: whole days in Vietnam’s time, or instants', async () => {
    const all = (await trail(`candidateId=${inCommune.id}`)).body;
    expect(ids((await trail(`candidateId=${inCommune.id}&from=${vietnamDay(0)}&to=${vietnamDay(0)}`)).body)).toEqual(ids(all));
    expect((await trail(`candidateId=${inCommune.id}&from=${vietnamDay(1)}`)).body.total).toBe(0);
    expect((await trail(`candidateId=${inCommune.id}&to=${vietnamDay(-1)}`)).body.total).toBe(0);
    const third = all.items[2] as { occurredAt: string };
    const since = await trail(`candidateId=${inCommune.id}&from=${encodeURIComponent(third.occurredAt)}`);
    expect(ids(since.body)).toEqual(ids(all).slice(2));
    const until = await trail(`candidateId=${inCommune.id}&to=${encodeURIComponent(third.occurredAt)}`);
    expect(ids(until.body)).toEqual(ids(all).slice(0, 3));
  });

  it('decisions show the evidence they rested on, with its SHA-256', async () => {
    const res = await trail(`candidateId=${inCommune.id}`);
    const decisions = (res.body.items as { eventType: string; evidence?: { sha256: string }[] }[]).filter((i) => ['PROPOSE_FOR_REVIEW', 'RECOGNISE'].includes(i.eventType));
    expect(decisions).toHaveLength(2);
    const sha256 = createHash('sha256').update(pdfBytes()).digest('hex');
    for (const d of decisions) expect(d.evidence).toEqual([expect.objectContaining({ sha256, fileName: 'Báo cáo thành tích.pdf' })]);
  });

  it('pages, and refuses unknown units and bad dates by name', async () => {
    const page2 = await t.as(AUDITOR).get(`/api/audit/records?unitId=${district.id}&pageSize=2&page=2`);
    expect(page2.body).toMatchObject({ page: 2, pageSize: 2 });
    expect(ids(page2.body)).toEqual((await dbIds('stream = $1 OR candidate_id = ANY($2::uuid[])', [`unit:${district.id}`, [inCommune.id, inDistrict.id]])).slice(2, 4));
    const unknown = await trail('unitId=00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('UNIT_NOT_FOUND');
    const bad = await trail('from=2025-02-30&to=2025-03-01T25:00:00Z');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['from', 'to']);
  });
});

describe('the export bundle', () => {
  it('holds the records as JSON and CSV, the latest signed checkpoint and the verification report', async () => {
    expect((await checkpoints(t).build()).status).toBe('created');
    const res = await t
      .as(AUDITOR)
      .get(`/api/audit/export?unitId=${district.id}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Nhat ky kiem toan \d{8}-\d{6}\.zip"; filename\*=UTF-8''Nh%E1%BA%ADt%20k%C3%BD%20ki%E1%BB%83m%20to%C3%A1n%20\d{8}-\d{6}\.zip$/);

    const files = unzipSync(new Uint8Array(res.body as Buffer));
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'checkpoint.json', 'proofs.json', 'records.csv', 'records.json', 'verification.json', 'witness.json']);

    const expected = await dbIds('stream = $1 OR candidate_id = ANY($2::uuid[])', [`unit:${district.id}`, [inCommune.id, inDistrict.id]]);
    const json = JSON.parse(strFromU8(files['records.json']!));
    expect(json.filter).toEqual({ unitId: district.id });
    expect(json.records.map((r: { id: string }) => r.id)).toEqual(expected);

    expect([...files['records.csv']!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = strFromU8(files['records.csv']!).replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^Mã bản ghi \/ Record id,Chuỗi \/ Stream,/);
    // One line per record: payloads are JSON on one line, quoted.
    expect(lines).toHaveLength(expected.length + 1);
    expect(csv).toContain('Hội đồng đề nghị công nhận');

    const checkpoint = JSON.parse(strFromU8(files['checkpoint.json']!));
    expect(checkSignature(checkpoint, new Map([[keyIdOf(key.publicKey), key.publicKey]]))).toBe('VALID');
    expect(checkpoint.treeSize).toBe(Number((await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event'))[0].n));

    const report = JSON.parse(strFromU8(files['verification.json']!));
    // The report verifies whole streams: the unit's, its two candidates', and the council session that decided on one of them.
    const streams = (await t.dataSource.query('SELECT DISTINCT stream FROM audit_event WHERE id = ANY($1::bigint[])', [expected])) as { stream: string }[];
    expect(streams.map((x) => x.stream.split(':')[0]).sort()).toEqual(['candidate', 'candidate', 'review-session', 'unit']);
    const [{ n }] = (await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event WHERE stream = ANY($1::text[])', [streams.map((x) => x.stream)])) as { n: number }[];
    expect(report).toMatchObject({ ok: true, scope: { streams: 4 }, records: n, checkpoints: { valid: 1 } });
    expect(strFromU8(files['README.txt']!)).toContain('NHẬT KÝ KIỂM TOÁN');
  });

  it('keeps spreadsheet formulas from running, and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@cmd')).toBe(`'@cmd`);
    expect(csvCell('Nguyễn, Văn A')).toBe('"Nguyễn, Văn A"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
});

describe('verification over HTTP', () => {
  it('answers the report as JSON, Vietnamese first', async () => {
    const res = await t.as(AUDITOR).get('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, chains: { broken: 0 }, replay: { mismatches: 0 }, checkpoints: { problems: [] } });
    expect(res.body.summary.vi).toMatch(/^Nhật ký toàn vẹn: \d+ bản ghi/);
    expect(res.body.summary.en).toMatch(/^The audit trail is intact/);
  });
});
