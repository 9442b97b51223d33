/**
 * Holds (tạm dừng xét, NĐ 152/2025/NĐ-CP Điều 4.4) and one achievement, one recognition (Luật Thi đua, khen thưởng
 * 2022 Điều 5), through the API on a real database: a candidate on hold cannot be proposed, voted on, recognised or
 * confirmed, and lifting restores it; a hold after recognition undoes nothing; each act is in the audit trail; a
 * repeat of a recognised achievement needs the unit head's justification, which the council sees beside the
 * earlier decision.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { pdfText } from './support/pdf-text.js';
import { councilOf, decideThroughCouncil, fullChecklist, later } from './support/council.js';
import { AUDITOR, COUNCIL_MEMBER, SECRETARY, UNIT_HEAD, newCandidate, newUnit, pdfBytes, sendEvent, uploadEvidence } from './support/factories.js';
import { issueDecision } from './support/decisions.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const HOLD = {
  kind: 'COMPLAINT',
  grounds: 'Đơn khiếu nại về số liệu thu nhập của thành viên hợp tác xã đang được Thanh tra tỉnh xác minh',
  documentNumber: '125/TTr-NV',
  documentDate: '2026-11-20',
  documentIssuer: 'Thanh tra tỉnh Bắc Ninh',
};
const LIFT = {
  conclusion: 'Kết luận: nội dung khiếu nại không có cơ sở; số liệu thu nhập đúng thực tế',
  documentNumber: '140/KL-TTr',
  documentDate: '2026-11-30',
  documentIssuer: 'Thanh tra tỉnh Bắc Ninh',
};

const version = async (id: string) => (await t.as(SECRETARY).get(`/api/candidates/${id}`)).body.version as number;
const place = async (id: string, actor = SECRETARY, over: Record<string, unknown> = {}) =>
  t.as(actor).post(`/api/candidates/${id}/holds`).send({ ...HOLD, expectedVersion: await version(id), ...over });
const lift = async (id: string, holdId: string, actor = SECRETARY) => t.as(actor).post(`/api/candidates/${id}/holds/${holdId}/lift`).send({ ...LIFT, expectedVersion: await version(id) });
const history = async (id: string) => (await t.as(AUDITOR).get(`/api/candidates/${id}/history`)).body.records as { eventType: string; payload: Record<string, unknown>; fromState: string; toState: string; actor: string }[];

describe('placing and lifting a hold', () => {
  it('a candidate on hold cannot be proposed; lifting with the conclusion restores it; each is an audited event', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    expect((await sendEvent(t, c.id, 'RECORD_CHECK_IN', { date: '2026-10-01', strengths: 'Tốt', shortcomings: 'Chưa lan tỏa' })).status).toBe(200);
    expect((await uploadEvidence(t, c.id)).status).toBe(201);

    // The unit head reports a complaint about its own candidate, with the document's file.
    const placed = await t
      .as(UNIT_HEAD)
      .post(`/api/candidates/${c.id}/holds`)
      .field('kind', HOLD.kind)
      .field('grounds', HOLD.grounds)
      .field('documentNumber', HOLD.documentNumber)
      .field('documentDate', HOLD.documentDate)
      .field('documentIssuer', HOLD.documentIssuer)
      .attach('file', pdfBytes('cong van thanh tra'), { filename: 'Công văn 125.pdf', contentType: 'application/pdf' });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ event: 'PLACE_HOLD', previousState: 'nurturing', state: 'nurturing' });
    expect(placed.body.hold).toMatchObject({ kind: 'COMPLAINT', grounds: HOLD.grounds, document: { number: '125/TTr-NV', date: '2026-11-20', file: { fileName: 'Công văn 125.pdf' } }, lifted: null });
    expect(placed.body.allowedEvents).not.toContain('PROPOSE_FOR_REVIEW');
    const holdId = placed.body.hold.id as string;
    // The secretariat is told in the hold's transaction (HOLD_CHANGED), with a link to the candidate.
    const told = await t.as(SECRETARY).get('/api/notifications');
    expect(told.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'HOLD_CHANGED', link: `/ho-so/${c.id}` })]));

    const detail = await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}`);
    expect(detail.body.openHolds).toBe(1);
    const proposed = await sendEvent(t, c.id, 'PROPOSE_FOR_REVIEW');
    expect(proposed.status).toBe(422);
    expect(proposed.body.refusals).toEqual([expect.objectContaining({ code: 'CANDIDATE_ON_HOLD', message: expect.stringContaining('tạm dừng xét') })]);

    // The document downloads with its digest; the council member sees the grounds.
    const file = await t.as(COUNCIL_MEMBER).get(`/api/candidates/${c.id}/holds/${holdId}/document`);
    expect(file.status).toBe(200);
    expect(file.headers['repr-digest']).toMatch(/^sha-256=:/);
    const list = await t.as(COUNCIL_MEMBER).get(`/api/candidates/${c.id}/holds`);
    expect(list.body).toMatchObject({ open: 1, holds: [{ id: holdId, kindLabel: { vi: expect.stringContaining('khiếu nại') } }] });

    // Only the secretariat lifts: a unit cannot clear its own candidate.
    expect((await lift(c.id, holdId, UNIT_HEAD)).status).toBe(403);
    const lifted = await lift(c.id, holdId);
    expect(lifted.status).toBe(201);
    expect(lifted.body.hold.lifted).toMatchObject({ conclusion: LIFT.conclusion, document: { number: '140/KL-TTr', file: null }, liftedBy: SECRETARY });
    expect(lifted.body.allowedEvents).toContain('PROPOSE_FOR_REVIEW');
    expect(await lift(c.id, holdId)).toMatchObject({ status: 409, body: { code: 'HOLD_ALREADY_LIFTED' } });

    expect((await sendEvent(t, c.id, 'PROPOSE_FOR_REVIEW')).status).toBe(200);

    const records = await history(c.id);
    const placedRecord = records.find((r) => r.eventType === 'PLACE_HOLD')!;
    expect(placedRecord).toMatchObject({ fromState: 'nurturing', toState: 'nurturing', actor: UNIT_HEAD, payload: { holdId, kind: 'COMPLAINT', documentNumber: '125/TTr-NV', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(records.find((r) => r.eventType === 'LIFT_HOLD')).toMatchObject({ actor: SECRETARY, payload: { holdId, conclusion: LIFT.conclusion, liftId: expect.any(String) } });
    expect(records.map((r) => r.eventType).slice(-3)).toEqual(['PLACE_HOLD', 'LIFT_HOLD', 'PROPOSE_FOR_REVIEW']);
  });

  it('several holds may be open at once; each lifting closes one', async () => {
    const c = await newCandidate(t, { state: 'discovered' });
    const first = await place(c.id);
    const second = await place(c.id, SECRETARY, { kind: 'INSPECTION', grounds: 'Đang thanh tra việc sử dụng vốn hỗ trợ' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}`)).body.openHolds).toBe(2);
    await lift(c.id, first.body.hold.id);
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}/holds`)).body.open).toBe(1);
    await lift(c.id, second.body.hold.id);
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}`)).body.openHolds).toBe(0);
  });

  it('refuses bad input by field, an unknown hold, other roles, and the generic event route', async () => {
    const c = await newCandidate(t, { state: 'discovered' });
    const bad = await place(c.id, SECRETARY, { kind: 'RUMOUR', documentDate: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/kind/);
    expect(JSON.stringify(bad.body)).toMatch(/documentDate/);
    expect((await place(c.id, COUNCIL_MEMBER)).status).toBe(403);
    expect((await place(c.id, AUDITOR)).status).toBe(403);
    expect(await lift(c.id, '00000000-0000-4000-8000-000000000009')).toMatchObject({ status: 404, body: { code: 'HOLD_NOT_FOUND' } });
    const generic = await sendEvent(t, c.id, 'PLACE_HOLD', HOLD, SECRETARY);
    expect(generic.status).toBe(400);
    // Nothing was written by the refusals.
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}/holds`)).body).toEqual({ open: 0, holds: [] });
  });

  it('the database refuses to change or delete a hold', async () => {
    const c = await newCandidate(t, { state: 'discovered' });
    const placed = await place(c.id);
    await expect(t.dataSource.query(`UPDATE candidate_hold SET grounds = 'khác' WHERE id = $1`, [placed.body.hold.id])).rejects.toThrow();
    await expect(t.dataSource.query(`DELETE FROM candidate_hold WHERE id = $1`, [placed.body.hold.id])).rejects.toThrow();
  });
});

describe('a hold in the council', () => {
  it('no vote on a held candidate; held at close it gets no decision, saying why; held before the decision it is not recognised; held on notice it is not confirmed', async () => {
    const council = await councilOf(t);
    const secretary = t.as(SECRETARY);
    const x = await newCandidate(t, { state: 'underReview' });
    const z = await newCandidate(t, { state: 'underReview' });
    const session = await secretary.post('/api/review-sessions').send({ title: 'Tổng kết năm 2026', year: 2026, chairName: 'Chủ tịch Hội đồng', ballot: 'OPEN', memberIds: council.memberIds });
    expect(session.status).toBe(201);
    const sid = session.body.id as string;
    const itemX = (await secretary.post(`/api/review-sessions/${sid}/items`).send({ candidateId: x.id })).body.itemId as string;
    const itemZ = (await secretary.post(`/api/review-sessions/${sid}/items`).send({ candidateId: z.id })).body.itemId as string;
    expect((await secretary.post(`/api/review-sessions/${sid}/assignments/automatic`).send({ perCandidate: 1 })).status).toBe(200);
    const detail = await secretary.get(`/api/review-sessions/${sid}`);
    for (const item of detail.body.items as { id: string; reviewers: string[]; criteria: { code: string }[] }[]) {
      for (const reviewerId of item.reviewers) {
        const reviewer = council.members[council.memberIds.indexOf(reviewerId)]!;
        expect((await reviewer.post(`/api/review-sessions/${sid}/items/${item.id}/checklists`).send(fullChecklist(item.criteria))).status).toBe(201);
      }
    }
    expect((await secretary.post(`/api/review-sessions/${sid}/voting/open`).send({ presentMemberIds: council.memberIds })).status).toBe(200);

    // Z is held before the vote: no member may vote on it, and the item shows why.
    const heldZ = await place(z.id);
    expect(heldZ.status).toBe(201);
    const vote = await council.members[0]!.post(`/api/review-sessions/${sid}/items/${itemZ}/votes`).send({ choice: 'IN_FAVOUR' });
    expect(vote).toMatchObject({ status: 409, body: { code: 'CANDIDATE_ON_HOLD', message: expect.stringContaining('tạm dừng xét') } });
    const seen = await council.members[0]!.get(`/api/review-sessions/${sid}`);
    const zView = (seen.body.items as { id: string; holds: { grounds: string; lifted: unknown }[] }[]).find((i) => i.id === itemZ)!;
    expect(zView.holds).toEqual([expect.objectContaining({ grounds: HOLD.grounds, lifted: null })]);

    for (const member of council.members.slice(0, 3)) {
      expect((await member.post(`/api/review-sessions/${sid}/items/${itemX}/votes`).send({ choice: 'IN_FAVOUR' })).status).toBe(201);
    }
    const closed = await secretary.post(`/api/review-sessions/${sid}/voting/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.results).toEqual(
      expect.arrayContaining([
        { itemId: itemX, candidateId: x.id, outcome: 'RECOGNISE' },
        { itemId: itemZ, candidateId: z.id, outcome: 'NO_DECISION' },
      ]),
    );
    const afterClose = await secretary.get(`/api/review-sessions/${sid}`);
    const zAfter = (afterClose.body.items as { id: string; status: string; findings: { code: string; vi: string }[] }[]).find((i) => i.id === itemZ)!;
    expect(zAfter).toMatchObject({ status: 'NO_DECISION', findings: [{ code: 'CANDIDATE_ON_HOLD', vi: expect.stringContaining('Điều 4 khoản 4') }] });
    // The minutes say why no vote was taken on Z: the hold open at the close, its grounds and document.
    const minutes = await secretary.get(`/api/review-sessions/${sid}/minutes.pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(minutes.status).toBe(200);
    const minutesText = (await pdfText(minutes.body as Buffer)).replace(/\s+/g, ' ');
    expect(minutesText).toContain('Tạm dừng xét, không biểu quyết (NĐ 152/2025/NĐ-CP Điều 4.4)');
    expect(minutesText).toContain(HOLD.grounds);
    expect(minutesText).toContain(HOLD.documentNumber);

    // X is held after the vote: the council's recognition is refused by the statechart until the hold is lifted.
    const heldX = await place(x.id);
    const refused = await secretary.post(`/api/review-sessions/${sid}/items/${itemX}/decision`).send({ outcome: 'RECOGNISE' });
    expect(refused.status).toBe(422);
    expect(refused.body.refusals).toEqual([expect.objectContaining({ code: 'CANDIDATE_ON_HOLD' })]);
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${x.id}`)).body.state).toBe('underReview');
    expect((await lift(x.id, heldX.body.hold.id)).status).toBe(201);
    expect((await secretary.post(`/api/review-sessions/${sid}/items/${itemX}/decision`).send({ outcome: 'RECOGNISE' })).status).toBe(200);
    expect((await secretary.post(`/api/review-sessions/${sid}/notice`).send({ channels: 'Cổng thông tin điện tử tỉnh' })).status).toBe(201);

    // Held during the public notice: the final decision waits.
    const onNotice = await place(x.id);
    expect(onNotice.status).toBe(201);
    const finalise = await later(t, 30, () => secretary.post(`/api/review-sessions/${sid}/finalise`));
    expect(finalise.status).toBe(422);
    expect(finalise.body.refusals).toEqual([expect.objectContaining({ code: 'CANDIDATE_ON_HOLD' })]);
    expect((await lift(x.id, onNotice.body.hold.id)).status).toBe(201);
    expect((await later(t, 30, () => secretary.post(`/api/review-sessions/${sid}/finalise`))).status).toBe(200);
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${x.id}`)).body.state).toBe('recognised');

    // A hold after recognition undoes nothing: refused, and the recognition stands.
    const after = await place(x.id);
    expect(after).toMatchObject({ status: 409, body: { code: 'HOLD_AFTER_RECOGNITION', message: expect.stringContaining('thu hồi') } });
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${x.id}`)).body).toMatchObject({ state: 'recognised', openHolds: 0 });
    const xRecords = await history(x.id);
    expect(xRecords.filter((r) => ['PLACE_HOLD', 'LIFT_HOLD'].includes(r.eventType)).map((r) => [r.eventType, r.toState])).toEqual([
      ['PLACE_HOLD', 'underReview'],
      ['LIFT_HOLD', 'underReview'],
      ['PLACE_HOLD', 'publicNotice'],
      ['LIFT_HOLD', 'publicNotice'],
    ]);
  });
});

describe('one achievement, one recognition', () => {
  it('refuses to propose or nominate a subject recognised for the same year without the unit head’s justification; the council sees it beside the earlier decision', async () => {
    const unitId = (await newUnit(t)).id;
    const name = 'Hợp tác xã Dịch vụ nông nghiệp Yên Dũng';
    // A second candidacy of the same subject and year, nominated while the first is still being nurtured: allowed.
    const first = await newCandidate(t, { unitId, name, year: 2026, state: 'underReview' });
    const second = await newCandidate(t, { unitId, name, year: 2026, state: 'nurturing', sameSubjectAs: first.id });
    const { sessionId } = await decideThroughCouncil(t, [first.id], 'RECOGNISE');
    const issued = await later(t, 31, () =>
      issueDecision(t, { authorityCode: 'UBND_TINH', signerTitle: 'CHỦ TỊCH', signerName: 'Chủ tịch UBND tỉnh', sessionId }),
    );
    expect(issued.status).toBe(201);

    // The second goes to the council: refused without a justification, naming the earlier decision.
    expect((await sendEvent(t, second.id, 'RECORD_CHECK_IN', { date: '2026-10-01', strengths: 'Tốt', shortcomings: 'Chưa lan tỏa' })).status).toBe(200);
    expect((await uploadEvidence(t, second.id)).status).toBe(201);
    const page = await t.as(UNIT_HEAD).get(`/api/candidates/${second.id}`);
    expect(page.body.repeatRecognition).toEqual({
      earlier: [{ candidateId: first.id, name, year: 2026, unitName: expect.any(String), sameAchievement: true, decision: { id: issued.body.id, number: issued.body.number, issuedOn: expect.any(String) } }],
      justification: null,
    });
    const refused = await sendEvent(t, second.id, 'PROPOSE_FOR_REVIEW');
    expect(refused).toMatchObject({ status: 422, body: { code: 'REPEAT_RECOGNITION_JUSTIFICATION_REQUIRED', field: 'payload.repeatJustification', message: expect.stringContaining('một thành tích') } });
    expect(refused.body.earlier[0]).toMatchObject({ candidateId: first.id, decision: { number: issued.body.number } });
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${second.id}`)).body.state).toBe('nurturing');

    const justification = 'Thành tích năm 2026 lần này là mô hình liên kết tiêu thụ mới, khác thành tích đã được công nhận';
    const proposed = await sendEvent(t, second.id, 'PROPOSE_FOR_REVIEW', { repeatJustification: justification });
    expect(proposed.status).toBe(200);
    const record = (await history(second.id)).find((r) => r.eventType === 'PROPOSE_FOR_REVIEW')!;
    expect(record.payload).toMatchObject({ repeatJustification: justification, earlierRecognitions: [{ candidateId: first.id, decision: { id: issued.body.id } }] });
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${second.id}`)).body.repeatRecognition.justification).toBe(justification);

    // The council sees the justification beside the earlier decision in the session's item view.
    const council = await councilOf(t);
    const session = await t.as(SECRETARY).post('/api/review-sessions').send({ title: 'Xét bổ sung', year: 2026, chairName: 'Chủ tịch Hội đồng', ballot: 'OPEN', memberIds: council.memberIds });
    const itemId = (await t.as(SECRETARY).post(`/api/review-sessions/${session.body.id}/items`).send({ candidateId: second.id })).body.itemId;
    const view = await council.members[0]!.get(`/api/review-sessions/${session.body.id}`);
    const item = (view.body.items as { id: string; repeatRecognition: unknown }[]).find((i) => i.id === itemId)!;
    expect(item.repeatRecognition).toMatchObject({ justification, earlier: [{ candidateId: first.id, decision: { number: issued.body.number } }] });

    // A third nomination of the same subject and year: refused without a justification, accepted and recorded with one.
    const nomination = { kind: 'COLLECTIVE', name, unitId, field: 'ECONOMY', year: 2026, discoveryChannel: 'REVIEW_CONFERENCE', achievement: 'Mô hình liên kết khác' };
    const bare = await t.as(UNIT_HEAD).post('/api/candidates').send(nomination);
    expect(bare).toMatchObject({ status: 422, body: { code: 'REPEAT_RECOGNITION_JUSTIFICATION_REQUIRED', field: 'repeatJustification' } });
    const justified = await t.as(UNIT_HEAD).post('/api/candidates').send({ ...nomination, repeatJustification: 'Thành tích khác, được Sở đề nghị bổ sung' });
    expect(justified.status).toBe(201);
    const [discovery] = await history(justified.body.id);
    expect(discovery!.payload).toMatchObject({ repeatJustification: 'Thành tích khác, được Sở đề nghị bổ sung' });

    // Another year and another achievement is only flagged, never refused.
    const otherYear = await t.as(UNIT_HEAD).post('/api/candidates').send({ ...nomination, year: 2027, achievement: 'Sáng kiến mới năm 2027' });
    expect(otherYear.status).toBe(201);
    expect(otherYear.body.warnings.map((w: { code: string }) => w.code)).toContain('SUBJECT_RECOGNISED_BEFORE');
  });
});
