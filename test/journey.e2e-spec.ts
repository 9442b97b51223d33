/**
 * One candidate of each kind through all four stages, and the side roads: return to nurturing, rejection,
 * withdrawal and the end of replication. Each step goes through the API as a person would.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { decideThroughCouncil } from './support/council.js';
import { newCandidate, newUnit, sendEvent, uploadEvidence, SECRETARY, UNIT_HEAD } from './support/factories.js';
import { auditHash } from '../apps/api/src/audit/audit-hash.js';
import { CANDIDATE_MACHINE_VERSION } from '#workflow';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Checks a history: contiguous sequence, each record chained to the previous, each hash recomputable. */
function expectIntactChain(records: { seq: number; prevHash: string | null; hash: string }[]) {
  records.forEach((r, i) => {
    expect(r.seq).toBe(i + 1);
    expect(r.prevHash).toBe(i === 0 ? null : records[i - 1]!.hash);
  });
}

describe.each(['COLLECTIVE', 'INDIVIDUAL', 'HOUSEHOLD'])('a %s through discover → nurture → summarise → replicate', (kind) => {
  it('reaches replication with a complete, chained history', async () => {
    const unit = await newUnit(t, { name: `Đơn vị ${kind}` });
    const created = await t
      .as(UNIT_HEAD)
      .post('/api/candidates')
      .send({ kind, name: 'Nguyễn Văn Bình', unitId: unit.id, field: 'HEALTH', year: 2025, discoveryChannel: 'MEDIA', achievement: 'Cứu người trong lũ.' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind, state: 'discovered', stage: 'DISCOVER', version: 1, stateLabel: { vi: 'Đã phát hiện' } });
    const id = created.body.id as string;
    expect(created.body.allowedEvents.map((e: { type: string }) => e.type)).toEqual(['ATTACH_EVIDENCE', 'START_NURTURING', 'WITHDRAW', 'PLACE_HOLD']);

    expect((await uploadEvidence(t, id)).status).toBe(201);
    let r = await sendEvent(t, id, 'START_NURTURING', { goals: 'Nhân rộng mô hình', supporter: 'Trạm Y tế xã' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ previousState: 'discovered', state: 'nurturing', version: 3 });
    expect(r.body.allowedEvents).not.toContain('PROPOSE_FOR_REVIEW');

    r = await sendEvent(t, id, 'RECORD_CHECK_IN', { date: '2025-05-02', strengths: 'Tận tụy', shortcomings: 'Chưa chia sẻ kinh nghiệm' });
    expect(r.body).toMatchObject({ state: 'nurturing', version: 4 });
    expect(r.body.allowedEvents).toContain('PROPOSE_FOR_REVIEW');

    r = await sendEvent(t, id, 'PROPOSE_FOR_REVIEW', { note: 'Đề nghị xét năm 2025' });
    expect(r.body).toMatchObject({ state: 'underReview', version: 5 });
    // The council reviews, votes and decides in a session; recognition is final after the public notice.
    await decideThroughCouncil(t, [id], 'RECOGNISE');
    r = await sendEvent(t, id, 'START_REPLICATION', {});
    expect(r.body).toMatchObject({ state: 'replicating', version: 8 });

    const view = await t.as(UNIT_HEAD).get(`/api/candidates/${id}`);
    expect(view.body).toMatchObject({ state: 'replicating', stage: 'REPLICATE', version: 8, counts: { checkIns: 1, evidenceFiles: 1, planVersions: 1 } });
    expect(view.body.allowedEvents.map((e: { type: string }) => e.type)).toEqual(['ATTACH_EVIDENCE', 'END_REPLICATION', 'RECORD_HONOURING', 'RECORD_ADOPTION', 'RECORD_FOLLOW_UP']);

    const history = await t.as(UNIT_HEAD).get(`/api/candidates/${id}/history`);
    expect(history.body.records.map((h: { eventType: string }) => h.eventType)).toEqual([
      'DISCOVER',
      'ATTACH_EVIDENCE',
      'START_NURTURING',
      'RECORD_CHECK_IN',
      'PROPOSE_FOR_REVIEW',
      'RECOGNISE',
      'CONFIRM_RECOGNITION',
      'START_REPLICATION',
    ]);
    expect(history.body.records.map((h: { toState: string }) => h.toState)).toEqual([
      'discovered',
      'discovered',
      'nurturing',
      'nurturing',
      'underReview',
      'publicNotice',
      'recognised',
      'replicating',
    ]);
    expect(history.body.records.map((h: { actor: string }) => h.actor)).toEqual([UNIT_HEAD, UNIT_HEAD, UNIT_HEAD, UNIT_HEAD, UNIT_HEAD, SECRETARY, SECRETARY, UNIT_HEAD]);
    expect(history.body.records.every((h: { machineVersion: number }) => h.machineVersion === CANDIDATE_MACHINE_VERSION)).toBe(true);
    expectIntactChain(history.body.records);

    const nurturing = await t.as(UNIT_HEAD).get(`/api/candidates/${id}/nurturing`);
    expect(nurturing.body).toMatchObject({
      currentPlan: { revision: 1, goals: 'Nhân rộng mô hình', supporter: 'Trạm Y tế xã', writtenByEvent: 'START_NURTURING' },
      checkIns: [{ date: '2025-05-02', strengths: 'Tận tụy', shortcomings: 'Chưa chia sẻ kinh nghiệm' }],
      lastCheckInOn: '2025-05-02',
      nextCheckInDue: null,
    });
    // Who wrote the plan and recorded the check-in is named from the account: full name (the fixture accounts are
    // named by their logins), role and unit; screens show these, not the login.
    expect(nurturing.body.people).toEqual({ [UNIT_HEAD]: { name: { vi: UNIT_HEAD, en: UNIT_HEAD }, title: { vi: expect.stringMatching(/^Thủ trưởng đơn vị/), en: expect.stringMatching(/^Unit head/) } } });
  });
});

describe('side roads', () => {
  it('returned to nurturing: the plan is revised, a new check-in is required, then it can be rejected', async () => {
    const c = await newCandidate(t, { state: 'returned' });
    expect((await sendEvent(t, c.id, 'PROPOSE_FOR_REVIEW')).status).toBe(409);
    let r = await sendEvent(t, c.id, 'RESUME_NURTURING', { goals: 'Bổ sung số liệu', supporter: 'Phòng Kinh tế' });
    expect(r.body).toMatchObject({ previousState: 'returned', state: 'nurturing' });
    r = await sendEvent(t, c.id, 'PROPOSE_FOR_REVIEW');
    expect(r.status).toBe(422);
    expect(r.body.refusals.map((x: { code: string }) => x.code)).toEqual(['CHECK_IN_REQUIRED']);
    await sendEvent(t, c.id, 'RECORD_CHECK_IN', { date: '2025-09-01', strengths: 'Đã bổ sung', shortcomings: 'Không' });
    expect((await sendEvent(t, c.id, 'PROPOSE_FOR_REVIEW')).body.state).toBe('underReview');
    await decideThroughCouncil(t, [c.id], 'REJECT');
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}`)).body).toMatchObject({ state: 'rejected', allowedEvents: [] });

    const nurturing = await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}/nurturing`);
    expect(nurturing.body.currentPlan).toMatchObject({ revision: 2, writtenByEvent: 'RESUME_NURTURING', goals: 'Bổ sung số liệu' });
    expect(nurturing.body.planHistory).toMatchObject([{ revision: 1, writtenByEvent: 'START_NURTURING' }]);
    const history = await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}/history`);
    const ret = history.body.records.find((h: { eventType: string }) => h.eventType === 'RETURN_TO_NURTURING');
    // The shortcomings come from the council's checklists; the verdict they follow from is kept with them.
    expect(ret.payload.shortcomings).toEqual([expect.stringMatching(/: Chưa có số liệu đánh giá hiệu quả$/)]);
    expect(ret.payload.verdict.tally).toMatchObject({ members: 3, present: 3, inFavour: 1, abstain: 2 });
    expect(ret.actor).toBe(SECRETARY);
    expectIntactChain(history.body.records);
  });

  it.each(['discovered', 'nurturing', 'underReview', 'returned'] as const)('a candidate %s can be withdrawn, keeping its history', async (state) => {
    const c = await newCandidate(t, { state });
    const r = await sendEvent(t, c.id, 'WITHDRAW', { reason: 'Đơn vị đề nghị rút' });
    expect(r.body).toMatchObject({ previousState: state, state: 'withdrawn', allowedEvents: [] });
    const view = await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}`);
    expect(view.body).toMatchObject({ state: 'withdrawn', stage: null });
    const history = await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}/history`);
    expect(history.body.records.at(-1)).toMatchObject({ eventType: 'WITHDRAW', fromState: state, toState: 'withdrawn', payload: { reason: 'Đơn vị đề nghị rút' } });
    expect(history.body.records).toHaveLength(view.body.version);
  });

  it.each(['recognised', 'replicating', 'rejected'] as const)('a candidate %s can no longer be withdrawn', async (state) => {
    const c = await newCandidate(t, { state });
    const r = await sendEvent(t, c.id, 'WITHDRAW', { reason: 'Thử rút' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('EVENT_NOT_ALLOWED');
  });

  it('replication can end, with its reasons, and nothing is deleted', async () => {
    const c = await newCandidate(t, { state: 'replicating' });
    const r = await sendEvent(t, c.id, 'END_REPLICATION', { reasons: 'Mô hình không còn duy trì sau sáp nhập' });
    expect(r.body).toMatchObject({ state: 'replicationEnded', allowedEvents: [] });
    const view = await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}`);
    expect(view.body.name).toBe('Hợp tác xã Nông nghiệp Tân Thịnh');
  });

  it('every stored hash recomputes from the row as read back from the database', async () => {
    const c = await newCandidate(t, { state: 'recognised' });
    const rows: Record<string, unknown>[] = await t.dataSource.query('SELECT * FROM audit_event WHERE stream = $1 ORDER BY seq', [`candidate:${c.id}`]);
    expect(rows.length).toBe(c.version);
    for (const row of rows) {
      const content = {
        stream: row.stream as string,
        seq: row.seq as number,
        candidateId: row.candidate_id as string,
        eventType: row.event_type as string,
        payload: row.payload as Record<string, unknown>,
        fromState: row.from_state as string | null,
        toState: row.to_state as string | null,
        actor: row.actor as string,
        occurredAt: (row.occurred_at as Date).toISOString(),
        machineVersion: row.machine_version as number,
        prevHash: row.prev_hash as string | null,
        // The rows the record vouches for (hashed with it when present).
        ...(row.attests ? { attests: row.attests as { table: string; key: Record<string, unknown>; digest: string | null }[] } : {}),
      };
      expect(auditHash(content)).toBe(row.hash);
    }
  });
});
