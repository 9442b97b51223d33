/**
 * Replaying each candidate's audit records through the statechart reproduces its stored state, after long
 * random walks of events sent through the API (a seeded generator: a failure replays the same walk).
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { replay, type CandidateEvent } from '#workflow';
import { eventOf } from '../apps/api/src/audit/candidate-replay.js';
import { decideThroughCouncil, type CouncilOutcome } from './support/council.js';
import { startTestApp, type TestApp } from './support/app.js';
import { newCandidate, pdfBytes, sendEvent, uploadEvidence, SECRETARY, UNIT_HEAD } from './support/factories.js';
import { newSigningKey, recordsOf, rehashChain, tamper, verify } from './audit-support.js';
import { candidateStream } from '../apps/api/src/audit/streams.js';

// Starting an application on its own database, and long walks of events, outlast Jest's default 5 s.
jest.setTimeout(120_000);

let t: TestApp;
beforeAll(async () => {
  // Tampers on purpose: the harness's verification on close would (rightly) fail it.
  t = await startTestApp(newSigningKey().env, { verifyOnClose: false });
});
afterAll(async () => {
  await t?.close();
});

/** mulberry32: small, seeded, good enough to choose events. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Events that end a candidate's life or lead straight there: chosen rarely until the walk's last steps. */
const ENDINGS = new Set(['WITHDRAW', 'REJECT', 'END_REPLICATION', 'RECOGNISE', 'START_REPLICATION']);

function payloadFor(type: string, step: number, next: () => number): Record<string, unknown> {
  switch (type) {
    case 'START_NURTURING':
    case 'REVISE_PLAN':
    case 'RESUME_NURTURING':
      return { goals: `Mục tiêu bước ${step}`, supporter: next() < 0.5 ? 'Phòng Nội vụ' : 'Ban Thi đua - Khen thưởng' };
    case 'RECORD_CHECK_IN':
      return { date: `2025-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-15`, strengths: `Ưu điểm ${step}`, shortcomings: `Hạn chế ${step}` };
    case 'RETURN_TO_NURTURING':
      return { shortcomings: [`Cần bổ sung số liệu (${step})`] };
    case 'REJECT':
    case 'END_REPLICATION':
      return { reasons: `Lý do ${step}` };
    case 'WITHDRAW':
      return { reason: `Đơn vị rút (${step})` };
    case 'RECORD_HONOURING':
      return { form: 'PROVINCIAL_NEWSPAPER', date: '2026-01-20', outlet: 'Báo Bắc Giang', title: `Gương điển hình (${step})` };
    case 'RECORD_ADOPTION':
      return { adoptingUnitId: t.provinceId, stage: 'STUDY_VISIT', date: '2026-02-10', description: `Đoàn tham quan, học tập (${step})` };
    case 'RECORD_FOLLOW_UP':
      // One follow-up per year: the step makes the year unique within a walk.
      return { year: 2026 + step, date: '2026-12-01', holdsUp: true, findings: `Duy trì tốt (${step})` };
    default:
      return next() < 0.5 ? {} : { note: `Ghi chú ${step}` };
  }
}

/** Holds go through their own routes: the unit head places one, the secretariat lifts the oldest still open. */
async function holdEvent(id: string, type: 'PLACE_HOLD' | 'LIFT_HOLD', step: number) {
  const document = { documentNumber: `${step}/TTr`, documentDate: '2026-11-20', documentIssuer: 'Thanh tra tỉnh' };
  if (type === 'PLACE_HOLD') return t.as(UNIT_HEAD).post(`/api/candidates/${id}/holds`).send({ ...document, kind: 'COMPLAINT', grounds: `Đơn khiếu nại (${step})` });
  const open = ((await t.as(SECRETARY).get(`/api/candidates/${id}/holds`)).body.holds as { id: string; lifted: unknown }[]).find((h) => !h.lifted)!;
  return t.as(SECRETARY).post(`/api/candidates/${id}/holds/${open.id}/lift`).send({ ...document, conclusion: `Không có cơ sở (${step})` });
}

/** Drives a candidate with random allowed events through the API; returns how many were accepted. */
async function randomWalk(id: string, seed: number, steps: number): Promise<number> {
  const next = random(seed);
  let accepted = 0;
  for (let step = 0; step < steps; step++) {
    const view = await t.as(UNIT_HEAD).get(`/api/candidates/${id}`);
    // A held candidate is not voted on: the walk lifts or withdraws first (NĐ 152/2025 Điều 4.4).
    if (view.body.state === 'underReview' && view.body.openHolds === 0 && next() < 0.9) {
      // The council decides in a session: mostly a return (which keeps the walk going), now and then an ending.
      const endings: CouncilOutcome[] = ['RECOGNISE', 'REJECT', 'RETURN_TO_NURTURING'];
      const outcome = step < steps - 8 && next() > 0.05 ? 'RETURN_TO_NURTURING' : endings[Math.floor(next() * endings.length)]!;
      await decideThroughCouncil(t, [id], outcome);
      accepted += outcome === 'RECOGNISE' ? 2 : 1;
      continue;
    }
    // One hold open at a time, soon lifted: holds are taken, but the walk still reaches the council.
    const allowed = (view.body.allowedEvents as { type: string }[])
      .map((e) => e.type)
      .filter((type) => type !== 'PLACE_HOLD' || view.body.openHolds === 0);
    if (view.body.openHolds > 0 && next() < 0.7) {
      const res = await holdEvent(id, 'LIFT_HOLD', step);
      expect({ step, type: 'LIFT_HOLD', status: res.status }).toEqual({ step, type: 'LIFT_HOLD', status: 201 });
      accepted++;
      continue;
    }
    if (allowed.length === 0) break;
    const lasting = allowed.filter((type) => !ENDINGS.has(type));
    const pool = lasting.length > 0 && step < steps - 8 && next() > 0.02 ? lasting : allowed;
    const type = pool[Math.floor(next() * pool.length)]!;
    const res =
      type === 'ATTACH_EVIDENCE'
        ? await uploadEvidence(t, id, `Minh chứng ${step}.pdf`, pdfBytes(`buoc ${step}`))
        : type === 'PLACE_HOLD' || type === 'LIFT_HOLD'
          ? await holdEvent(id, type, step)
          : await sendEvent(t, id, type, payloadFor(type, step, next));
    expect({ step, type, status: res.status }).toEqual({ step, type, status: ['ATTACH_EVIDENCE', 'PLACE_HOLD', 'LIFT_HOLD'].includes(type) ? 201 : 200 });
    accepted++;
  }
  return accepted;
}

describe('replay through the statechart', () => {
  const walked: { id: string; kind: string; events: number }[] = [];

  it('long random walks of events, sent through the API, are all accepted', async () => {
    const kinds = ['COLLECTIVE', 'INDIVIDUAL', 'HOUSEHOLD', 'COLLECTIVE'];
    for (const [i, kind] of kinds.entries()) {
      const c = await newCandidate(t, { kind });
      walked.push({ id: c.id, kind, events: await randomWalk(c.id, 2025 + i, 60) });
    }
    expect(walked.reduce((n, w) => n + w.events, 0)).toBeGreaterThanOrEqual(120);
    const rows: { event_type: string }[] = await t.dataSource.query('SELECT DISTINCT event_type FROM audit_event WHERE candidate_id = ANY($1::uuid[])', [walked.map((w) => w.id)]);
    const types = rows.map((r) => r.event_type);
    // The council's return and the resumed nurturing are what make a history more than a straight line.
    expect(types).toEqual(expect.arrayContaining(['ATTACH_EVIDENCE', 'REVISE_PLAN', 'RECORD_CHECK_IN', 'PROPOSE_FOR_REVIEW', 'RETURN_TO_NURTURING', 'RESUME_NURTURING']));
    expect(types.length).toBeGreaterThanOrEqual(8);
  }, 300_000); // 240 requests one after another: a loaded machine took over two minutes embedded

  it('verification replays every candidate to its stored state and snapshot', async () => {
    const report = await verify(t);
    expect(report.replay.problems).toEqual([]);
    expect(report.chains.problems).toEqual([]);
    const [{ candidates }] = await t.dataSource.query('SELECT count(*)::int AS candidates FROM candidate');
    expect(report.replay).toMatchObject({ candidates, replayed: candidates, skipped: 0, mismatches: 0 });
  });

  it('the library’s own replay of each history, given only each event’s own fields, ends in the stored state', async () => {
    for (const w of walked) {
      const rows = await recordsOf(t, candidateStream(w.id));
      const [{ state, version }] = await t.dataSource.query('SELECT state, version FROM candidate WHERE id = $1', [w.id]);
      expect(rows).toHaveLength(version);
      const events = rows.slice(1).map((r) => eventOf(r) as CandidateEvent);
      expect(replay({ kind: w.kind as 'COLLECTIVE' }, events).value).toBe(state);
      // Facts an effect added to a record (a plan's id, a check-in's id) never reach the machine.
      // (The event's own references — evidence, adopting unit, the session — are fields of the event itself.)
      const OWN_REFERENCES = ['evidenceId', 'adoptingUnitId', 'sessionId', 'correctsId', 'holdId'];
      for (const e of events) expect(Object.keys(e).filter((k) => k.endsWith('Id') && !OWN_REFERENCES.includes(k))).toEqual([]);
    }
  });

  it('a stored snapshot that the history does not lead to is reported for that candidate and no other', async () => {
    const victim = walked[0]!;
    await t.dataSource.query(`UPDATE candidate SET snapshot = jsonb_set(snapshot, '{context,evidenceFiles}', '99') WHERE id = $1`, [victim.id]);
    const report = await verify(t);
    expect(report.replay.problems.map((p) => ({ candidateId: p.candidateId, kind: p.kind }))).toEqual([{ candidateId: victim.id, kind: 'SNAPSHOT_DIFFERS' }]);
    expect(report.replay.problems[0]!.detail).toMatchObject({ stored: { evidenceFiles: 99 } });
  });

  it('a record whose recorded state the machine would not reach is named, even with its chain re-hashed', async () => {
    const victim = walked[1]!;
    const rows = await recordsOf(t, candidateStream(victim.id));
    const target = rows[2]!;
    await tamper(t, [[`UPDATE audit_event SET to_state = 'recognised' WHERE id = $1`, [target.id]]]);
    await rehashChain(t, candidateStream(victim.id));
    const report = await verify(t);
    expect(report.chains.problems.filter((p) => p.candidateId === victim.id)).toEqual([]);
    expect(report.replay.problems.filter((p) => p.candidateId === victim.id).map((p) => ({ kind: p.kind, seq: p.seq, auditId: p.auditId }))).toEqual([
      { kind: 'STATE_DIFFERS', seq: 3, auditId: String(target.id) },
    ]);
  });
});
