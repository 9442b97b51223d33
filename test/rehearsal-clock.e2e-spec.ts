/**
 * The rehearsal clock (docs/rehearsal-clock.md): on a rehearsal instance an administrator moves the product's date,
 * so a notice period is walked through in minutes; every change is audited; documents made meanwhile carry the
 * mark; a production instance refuses it, at runtime and at start.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type supertest from 'supertest';
import { AuditWriter } from '../apps/api/src/audit/audit.writer.js';
import { Clock } from '../apps/api/src/common/clock.js';
import { ConfigError, loadConfig } from '../apps/api/src/config/app-config.js';
import { RehearsalClockRepository } from '../apps/api/src/rehearsal/rehearsal-clock.repository.js';
import { RehearsalClockService } from '../apps/api/src/rehearsal/rehearsal-clock.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { decideThroughCouncil } from './support/council.js';
import { ADMIN, AUDITOR, SECRETARY, UNIT_HEAD, newCandidate, newUnit } from './support/factories.js';
import { pdfText } from './support/pdf-text.js';
import { issueDecision } from './support/decisions.js';

const DAY = 86_400_000;
const SIGNER = { authorityCode: 'UBND_TINH', signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', signerName: 'Nguyễn Văn Mạnh' };
const binary = (req: supertest.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
const vi = (iso: string) => iso.split('-').reverse().join('/');

describe('on a rehearsal instance', () => {
  let t: TestApp;
  let clock: Clock;
  // A witness of this app's own: its checkpoints, signed at real times, must agree with it under the shifted clock.
  const witness = mkdtempSync(join(tmpdir(), 'dth-rehearsal-witness-'));
  const realToday = () => clock.dateOf(new Date());
  const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

  beforeAll(async () => {
    // Started a day ahead, as a training copy might be configured.
    t = await startTestApp({ INSTANCE_KIND: 'rehearsal', REHEARSAL_CLOCK: '+1d', AUDIT_WITNESS_DIR: witness });
    clock = t.running.app.get(Clock);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(witness, { recursive: true, force: true });
  });

  it('starts on the configured clock, records it, and tells every page, signed in or not', async () => {
    const instance = await t.http.get('/api/instance');
    expect(instance.status).toBe(200);
    expect(instance.body).toEqual({
      kind: 'rehearsal',
      rehearsalClock: expect.objectContaining({ mode: 'OFFSET', date: null, offsetDays: 1, today: plusDays(realToday(), 1), realToday: realToday(), description: 'tiến thêm 1 ngày so với ngày thật', setBy: 'he-thong' }),
    });
    const admin = await t.as(ADMIN).get('/api/rehearsal-clock');
    expect(admin.body.changes).toEqual([expect.objectContaining({ version: 1, mode: 'OFFSET', offsetDays: 1, source: 'CONFIGURATION', setBy: 'he-thong' })]);
    // The screen names the product's own actor in words, never by its login.
    expect(admin.body.people).toEqual({ 'he-thong': { name: { vi: 'Hệ thống (tự động)', en: 'The system (automatic)' }, title: null } });
    expect(clock.today()).toBe(plusDays(realToday(), 1));
  });

  it('lets the notice period pass in minutes: CONFIRM_RECOGNITION is refused until the administrator moves the date on', async () => {
    const unit = await newUnit(t, { name: 'UBND xã Tân Yên' });
    const candidate = await newCandidate(t, { unitId: unit.id, name: 'Hợp tác xã Nông nghiệp Tân Yên', state: 'underReview' });
    const { sessionId } = await decideThroughCouncil(t, [candidate.id], 'RECOGNISE', { final: false });

    const tooSoon = await t.as(SECRETARY).post(`/api/review-sessions/${sessionId}/finalise`);
    expect(tooSoon).toMatchObject({ status: 422, body: { code: 'GUARD_REFUSED', refusals: [{ code: 'NOTICE_PERIOD_NOT_ENDED' }] } });

    const moved = await t.as(ADMIN).post('/api/rehearsal-clock').send({ mode: 'FIXED_DATE', date: plusDays(realToday(), 60), reason: 'Tập huấn quy trình công nhận' });
    expect(moved.status).toBe(201);
    expect(moved.body.instance.rehearsalClock).toMatchObject({ mode: 'FIXED_DATE', date: plusDays(realToday(), 60), offsetDays: null, today: plusDays(realToday(), 60), setBy: ADMIN });
    expect(moved.body.changes.map((c: { version: number; mode: string }) => [c.version, c.mode])).toEqual([[2, 'FIXED_DATE'], [1, 'OFFSET']]);
    expect(moved.body.people[ADMIN]).toMatchObject({ title: { vi: expect.stringMatching(/^Quản trị hệ thống/), en: expect.stringMatching(/^Administrator/) } });

    const finalised = await t.as(SECRETARY).post(`/api/review-sessions/${sessionId}/finalise`);
    expect(finalised.status).toBe(200);
    const after = await t.as(UNIT_HEAD).get(`/api/candidates/${candidate.id}`);
    expect(after.body.state).toBe('recognised');
    // The confirmation is dated by the rehearsal clock, the audit trail still in order and chained (verified on close).
    const history = (await t.as(UNIT_HEAD).get(`/api/candidates/${candidate.id}/history`)).body.records as { eventType: string; occurredAt: string }[];
    const confirmed = history.find((r) => r.eventType === 'CONFIRM_RECOGNITION')!;
    expect(clock.dateOf(new Date(confirmed.occurredAt))).toBe(plusDays(realToday(), 60));

    // Documents made meanwhile say so on every page: the decision, its certificate, the minutes.
    const decision = await issueDecision(t, { ...SIGNER, sessionId });
    expect(decision.status).toBe(201);
    const mark = `BẢN DIỄN TẬP — ngày giả lập ${vi(plusDays(realToday(), 60))} — không có giá trị pháp lý`;
    const pdf = await binary(t.as(AUDITOR).get(`/api/decisions/${decision.body.id}/pdf`));
    expect(pdf.status).toBe(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain(mark);
    expect(text).toContain('QUYẾT ĐỊNH');
    const cert = await binary(t.as(AUDITOR).get(`/api/decisions/${decision.body.id}/certificates/${candidate.id}/pdf`));
    expect((await pdfText(cert.body as Buffer)).replace(/\s+/g, ' ')).toContain(mark);
    const minutes = await binary(t.as(AUDITOR).get(`/api/review-sessions/${sessionId}/minutes.pdf`));
    expect(minutes.status).toBe(200);
    expect((await pdfText(minutes.body as Buffer)).replace(/\s+/g, ' ')).toContain(mark);

    // A checkpoint signed now (real time) covers the records dated in the future; the witness has it; verify-on-close
    // checks chains, checkpoints and witness together.
    expect((await t.as(AUDITOR).post('/api/audit/checkpoints')).status).toBeLessThan(300);
    const witnessed = readFileSync(join(witness, 'checkpoints.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { checkpoint: { createdAt: string } });
    expect(Math.abs(Date.parse(witnessed.at(-1)!.checkpoint.createdAt) - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('audits every change in its own chain, dated by the real clock, and clears back to the real date', async () => {
    const cleared = await t.as(ADMIN).post('/api/rehearsal-clock').send({ mode: 'OFF', reason: 'Hết buổi tập huấn' });
    expect(cleared.status).toBe(201);
    expect(cleared.body.instance).toEqual({ kind: 'rehearsal', rehearsalClock: null });
    expect(clock.today()).toBe(realToday());
    expect((await t.http.get('/api/instance')).body).toEqual({ kind: 'rehearsal', rehearsalClock: null });

    const records = await t.admin.query<{ seq: number; event_type: string; actor: string; occurred_at: Date; payload: Record<string, unknown> }>(
      "SELECT seq, event_type, actor, occurred_at, payload FROM audit_event WHERE stream = 'rehearsal-clock' ORDER BY seq",
    );
    expect(records.map((r) => [r.seq, r.event_type, r.actor])).toEqual([
      [1, 'REHEARSAL_CLOCK_SET', 'he-thong'],
      [2, 'REHEARSAL_CLOCK_SET', ADMIN],
      [3, 'REHEARSAL_CLOCK_CLEARED', ADMIN],
    ]);
    expect(records[1]!.payload).toMatchObject({ version: 2, mode: 'FIXED_DATE', date: plusDays(realToday(), 60), offsetDays: null, reason: 'Tập huấn quy trình công nhận', source: 'ADMIN', realDate: realToday(), rehearsalDate: plusDays(realToday(), 60), previous: { version: 1, mode: 'OFFSET', offsetDays: 1, date: null } });
    for (const r of records) expect(Math.abs(new Date(r.occurred_at).getTime() - Date.now())).toBeLessThan(10 * 60_000);
    // The history cannot be rewritten.
    await expect(t.admin.query("UPDATE rehearsal_clock_change SET mode = 'OFF' WHERE version = 2")).rejects.toThrow();
  });

  it('refuses bad input naming the field, and anyone but an administrator', async () => {
    const admin = t.as(ADMIN);
    expect(await admin.post('/api/rehearsal-clock').send({ mode: 'OFFSET' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'offsetDays' })] } });
    expect(await admin.post('/api/rehearsal-clock').send({ mode: 'OFFSET', offsetDays: 0 })).toMatchObject({ status: 400, body: { code: 'REHEARSAL_CLOCK_OFFSET_ZERO', field: 'offsetDays' } });
    expect(await admin.post('/api/rehearsal-clock').send({ mode: 'FIXED_DATE', date: '2027-02-30' })).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'date' })] } });
    expect(await admin.post('/api/rehearsal-clock').send({ mode: 'SOMETIMES' })).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'mode' })] } });
    expect((await t.as(SECRETARY).post('/api/rehearsal-clock').send({ mode: 'OFFSET', offsetDays: 5 })).status).toBe(403);
    expect((await t.as(AUDITOR).post('/api/rehearsal-clock').send({ mode: 'OFFSET', offsetDays: 5 })).status).toBe(403);
    expect((await t.as(AUDITOR).get('/api/rehearsal-clock')).status).toBe(200);
    expect((await t.as(UNIT_HEAD).get('/api/rehearsal-clock')).status).toBe(403);
    // Nothing of the refused attempts was recorded.
    expect((await admin.get('/api/rehearsal-clock')).body.changes).toHaveLength(3);
  });

  it('a production instance whose database holds a rehearsal clock that is on refuses to start', async () => {
    const on = await t.as(ADMIN).post('/api/rehearsal-clock').send({ mode: 'OFFSET', offsetDays: -2 });
    expect(on.status).toBe(201);
    const production = loadConfig({ INSTANCE_KIND: 'production' });
    const app = t.running.app;
    const service = new RehearsalClockService(production, new Clock(production), t.dataSource, app.get(RehearsalClockRepository), app.get(AuditWriter));
    await expect(service.onApplicationBootstrap()).rejects.toThrow(/INSTANCE_KIND=production.*đồng hồ diễn tập đang bật/);
    expect((await t.as(ADMIN).post('/api/rehearsal-clock').send({ mode: 'OFF' })).status).toBe(201);
    await expect(service.onApplicationBootstrap()).resolves.toBeUndefined();
  });
});

describe('on a production instance', () => {
  let t: TestApp;
  const witness = mkdtempSync(join(tmpdir(), 'dth-production-witness-'));
  beforeAll(async () => {
    t = await startTestApp({ INSTANCE_KIND: 'production', AUDIT_WITNESS_DIR: witness });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(witness, { recursive: true, force: true });
  });

  it('refuses to set the clock, in Vietnamese first, and records nothing', async () => {
    const res = await t.as(ADMIN).post('/api/rehearsal-clock').send({ mode: 'OFFSET', offsetDays: 30 });
    expect(res).toMatchObject({ status: 409, body: { code: 'REHEARSAL_CLOCK_IN_PRODUCTION' } });
    expect(res.body.message).toMatch(/^Đây là hệ thống chính thức/);
    expect((await t.as(ADMIN).post('/api/rehearsal-clock').send({ mode: 'OFF' })).status).toBe(409);
    expect((await t.http.get('/api/instance')).body).toEqual({ kind: 'production', rehearsalClock: null });
    expect((await t.as(ADMIN).get('/api/rehearsal-clock')).body.changes).toEqual([]);
    expect(await t.admin.query("SELECT 1 FROM audit_event WHERE stream = 'rehearsal-clock'")).toEqual([]);
  });

  it('refuses to start with a rehearsal clock configured, and is production by default on a server', () => {
    expect(() => loadConfig({ INSTANCE_KIND: 'production', REHEARSAL_CLOCK: '+3d' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/dth', REHEARSAL_CLOCK: '2027-01-15' })).toThrow(/REHEARSAL_CLOCK.*production/);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/dth' }).instanceKind).toBe('production');
    expect(loadConfig({}).instanceKind).toBe('rehearsal');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/dth', INSTANCE_KIND: 'production', REHEARSAL_CLOCK: 'off' }).instanceKind).toBe('production');
    expect(() => loadConfig({ REHEARSAL_CLOCK: 'next tuesday' })).toThrow(/REHEARSAL_CLOCK/);
    expect(() => loadConfig({ INSTANCE_KIND: 'staging' })).toThrow(/INSTANCE_KIND/);
  });
});
