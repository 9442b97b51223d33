/**
 * The summarise stage through the API: a council session from opening to the final decision, with conflicts of
 * interest, checklists, a secret ballot, the outcome the rules give, the public notice counted in working days,
 * and the minutes as a PDF whose text is read back.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type ActorClient, type TestApp } from './support/app.js';
import { fullChecklist, later } from './support/council.js';
import { ADMIN, AUDITOR, SECRETARY, UNIT_HEAD, newCandidate, newUnit, pdfBytes, sendEvent } from './support/factories.js';
import { pdfText } from './support/pdf-text.js';
import { formatReceipt } from '#domain';

let t: TestApp;
/** The province has two districts; the council's members sit in a department, district A and a commune of district B. */
let districtA: { id: string };
let communeA: { id: string };
let districtB: { id: string };
let communeB: { id: string };
let department: { id: string };
const m: Record<'dept' | 'distA' | 'comB' | 'dept2', { client: ActorClient; id: string }> = {} as never;

async function accountId(username: string): Promise<string> {
  const [row] = (await t.dataSource.query('SELECT id FROM account WHERE username = $1', [username])) as { id: string }[];
  return row!.id;
}

beforeAll(async () => {
  t = await startTestApp();
  districtA = await newUnit(t, { name: 'Huyện A', level: 'DISTRICT', sector: 'LOCALITY' });
  communeA = await newUnit(t, { name: 'Xã A1', parentId: districtA.id });
  districtB = await newUnit(t, { name: 'Huyện B', level: 'DISTRICT', sector: 'LOCALITY' });
  communeB = await newUnit(t, { name: 'Xã B1', parentId: districtB.id });
  department = await newUnit(t, { name: 'Sở Tài chính', level: 'DEPARTMENT', sector: 'STATE' });
  for (const [key, username, unitId] of [
    ['dept', 'uv-so', department.id],
    ['distA', 'uv-huyen-a', districtA.id],
    ['comB', 'uv-xa-b', communeB.id],
    ['dept2', 'uv-so-2', department.id],
  ] as const) {
    m[key] = { client: await t.newAccount(username, 'COUNCIL_MEMBER', unitId), id: await accountId(username) };
  }
});

afterAll(async () => {
  await t?.close();
});

const secretary = () => t.as(SECRETARY);
const allMembers = () => [m.dept.id, m.distA.id, m.comB.id, m.dept2.id];

async function openSession(over: Record<string, unknown> = {}) {
  const res = await secretary().post('/api/review-sessions').send({ title: 'Tổng kết năm 2025', year: 2025, chairName: 'Nguyễn Văn Mạnh', ballot: 'SECRET', memberIds: allMembers(), ...over });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function detail(sessionId: string, as: ActorClient = secretary()) {
  const res = await as.get(`/api/review-sessions/${sessionId}`);
  expect(res.status).toBe(200);
  return res.body as {
    status: string;
    items: { id: string; candidate: { id: string; state: string }; reviewers: string[]; conflicts: string[]; criteria: { code: string; vi: string }[]; checklists: { id: string; inForce: boolean; correctsId: string | null }[]; outcome: string | null; status: string; verdict: { tally: Record<string, number> } | null }[];
    notice: { publishedOn: string; endsOn: string } | null;
    members: { accountId: string; attendance: string | null }[];
  };
}

describe('a council session from opening to the final decision (secret ballot)', () => {
  let sessionId: string;
  let collective: { id: string };
  let individual: { id: string };
  let itemCollective: string;
  let itemIndividual: string;
  const receipts: Record<string, string> = {};

  it('opens with the default rules and pins the council and the criteria versions', async () => {
    collective = await newCandidate(t, { unitId: communeA.id, name: 'Hợp tác xã Nông nghiệp Tân Yên', state: 'underReview' });
    individual = await newCandidate(t, { unitId: communeB.id, kind: 'INDIVIDUAL', name: 'Nguyễn Thị Hường', field: 'HEALTH', state: 'underReview' });
    sessionId = await openSession();
    const d = (await secretary().get(`/api/review-sessions/${sessionId}`)).body;
    expect(d).toMatchObject({
      status: 'PREPARING',
      ballot: 'SECRET',
      rules: { quorum: { numerator: 2, denominator: 3 }, recognitionPercent: 70, rejectionPercent: 50 },
      noticeWorkingDays: 10,
    });
    expect(d.members.map((x: { accountId: string }) => x.accountId).sort()).toEqual(allMembers().sort());
    expect(Object.keys(d.criteriaSetIds).sort()).toEqual(['COLLECTIVE', 'INDIVIDUAL_HOUSEHOLD']);

    itemCollective = (await secretary().post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: collective.id })).body.itemId;
    itemIndividual = (await secretary().post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: individual.id })).body.itemId;
    const items = (await detail(sessionId)).items;
    expect(items.find((i) => i.id === itemCollective)!.criteria).toHaveLength(5);
    expect(items.find((i) => i.id === itemIndividual)!.criteria).toHaveLength(3);
  });

  it('refuses a candidate not proposed for review, and one already in an open session', async () => {
    const nurturing = await newCandidate(t, { unitId: communeA.id, state: 'nurturing' });
    const notProposed = await secretary().post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: nurturing.id });
    expect(notProposed.status).toBe(409);
    expect(notProposed.body).toMatchObject({ code: 'CANDIDATE_NOT_PROPOSED', field: 'candidateId' });
    const other = await openSession();
    const twice = await secretary().post(`/api/review-sessions/${other}/items`).send({ candidateId: collective.id });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'CANDIDATE_ALREADY_IN_SESSION', sessionId });
  });

  it('shows and refuses conflicts of interest: own unit, a unit above, a unit below', async () => {
    const items = (await detail(sessionId)).items;
    // District A is above commune A; commune B is the individual's own unit.
    expect(items.find((i) => i.id === itemCollective)!.conflicts).toEqual([m.distA.id]);
    expect(items.find((i) => i.id === itemIndividual)!.conflicts).toEqual([m.comB.id]);
    const above = await secretary().post(`/api/review-sessions/${sessionId}/items/${itemCollective}/assignments`).send({ reviewerIds: [m.dept.id, m.distA.id] });
    expect(above.status).toBe(422);
    expect(above.body).toMatchObject({ code: 'CONFLICT_OF_INTEREST', field: 'reviewerIds', accountId: m.distA.id });
    expect(above.body.message).toMatch(/^Xung đột lợi ích: uv-huyen-a \(Huyện A\)/);
    // Refused as a whole: the member without a conflict was not assigned either.
    expect((await detail(sessionId)).items.find((i) => i.id === itemCollective)!.reviewers).toEqual([]);

    // A member of a unit below the candidate's: a candidate of district B itself conflicts with commune B's member.
    const districtCandidate = await newCandidate(t, { unitId: districtB.id, state: 'underReview' });
    const item = (await secretary().post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: districtCandidate.id })).body.itemId as string;
    const below = await secretary().post(`/api/review-sessions/${sessionId}/items/${item}/assignments`).send({ reviewerIds: [m.comB.id] });
    expect(below).toMatchObject({ status: 422, body: { code: 'CONFLICT_OF_INTEREST' } });
  });

  it('assigns automatically with a balanced load and no conflicts', async () => {
    const res = await secretary().post(`/api/review-sessions/${sessionId}/assignments/automatic`).send({ perCandidate: 2 });
    expect(res.status).toBe(200);
    const items = (await detail(sessionId)).items;
    const load = new Map<string, number>();
    for (const item of items) {
      expect(item.reviewers).toHaveLength(2);
      for (const r of item.reviewers) {
        expect(item.conflicts).not.toContain(r);
        load.set(r, (load.get(r) ?? 0) + 1);
      }
    }
    // 3 candidates × 2 reviewers over 4 members: nobody has more than one assignment more than another.
    expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
  });

  it('takes each assigned reviewer’s checklist once, locked; a correction is a new linked entry', async () => {
    const items = (await detail(sessionId)).items;
    for (const item of items) {
      const notAssigned = Object.values(m).find((x) => !item.reviewers.includes(x.id) && !item.conflicts.includes(x.id));
      if (notAssigned) {
        const refused = await notAssigned.client.post(`/api/review-sessions/${sessionId}/items/${item.id}/checklists`).send(fullChecklist(item.criteria));
        expect(refused).toMatchObject({ status: 403, body: { code: 'NOT_ASSIGNED_REVIEWER' } });
      }
    }
    const coll = items.find((i) => i.id === itemCollective)!;
    const reviewer = Object.values(m).find((x) => x.id === coll.reviewers[0])!;
    const partial = await reviewer.client.post(`/api/review-sessions/${sessionId}/items/${coll.id}/checklists`).send({ marks: fullChecklist(coll.criteria).marks.slice(1) });
    expect(partial).toMatchObject({ status: 422, body: { code: 'CHECKLIST_CRITERIA_MISMATCH', field: 'marks', missing: [coll.criteria[0]!.code] } });
    const blank = await reviewer.client.post(`/api/review-sessions/${sessionId}/items/${coll.id}/checklists`).send({ marks: [{ criterionCode: 'C1_COMPLIANCE', met: 'true', comment: ' ' }] });
    expect(blank.status).toBe(400);
    expect(blank.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['marks.0.comment', 'marks.0.met']);

    const first = await reviewer.client.post(`/api/review-sessions/${sessionId}/items/${coll.id}/checklists`).send(fullChecklist(coll.criteria, { C3_INNOVATIVE_LEADERSHIP: 'Chưa rõ đổi mới' }));
    expect(first.status).toBe(201);
    const again = await reviewer.client.post(`/api/review-sessions/${sessionId}/items/${coll.id}/checklists`).send(fullChecklist(coll.criteria));
    expect(again).toMatchObject({ status: 409, body: { code: 'CHECKLIST_ALREADY_SUBMITTED' } });
    const correction = await reviewer.client.post(`/api/review-sessions/${sessionId}/items/${coll.id}/checklists`).send({ ...fullChecklist(coll.criteria), correctsId: first.body.checklistId });
    expect(correction.status).toBe(201);
    const stale = await reviewer.client.post(`/api/review-sessions/${sessionId}/items/${coll.id}/checklists`).send({ ...fullChecklist(coll.criteria), correctsId: first.body.checklistId });
    expect(stale).toMatchObject({ status: 409, body: { code: 'CHECKLIST_CORRECTION_STALE' } });
    const history = (await detail(sessionId)).items.find((i) => i.id === coll.id)!.checklists;
    expect(history.map((k) => [k.id, k.inForce, k.correctsId])).toEqual([
      [first.body.checklistId, false, null],
      [correction.body.checklistId, true, first.body.checklistId],
    ]);
    // The database itself refuses to change a submitted checklist.
    await expect(t.admin.query(`UPDATE review_checklist SET marks = '[]' WHERE id = $1`, [first.body.checklistId])).rejects.toThrow(/append-only/);

    for (const item of (await detail(sessionId)).items) {
      for (const reviewerId of item.reviewers) {
        if (item.id === coll.id && reviewerId === reviewer.id) continue;
        const r = Object.values(m).find((x) => x.id === reviewerId)!;
        expect((await r.client.post(`/api/review-sessions/${sessionId}/items/${item.id}/checklists`).send(fullChecklist(item.criteria))).status).toBe(201);
      }
    }
  });

  it('records attendance and votes: present members in person, an absent one by written opinion (the signed form, recorded by the secretariat); conflicts and second votes refused', async () => {
    const open = await secretary()
      .post(`/api/review-sessions/${sessionId}/voting/open`)
      .send({ presentMemberIds: [m.dept.id, m.distA.id, m.comB.id], writtenOpinionMemberIds: [m.dept2.id] });
    expect(open.status).toBe(200);
    expect(open.body.members.find((x: { accountId: string }) => x.accountId === m.dept2.id).attendance).toBe('WRITTEN_OPINION');

    const conflicted = await m.distA.client.post(`/api/review-sessions/${sessionId}/items/${itemCollective}/votes`).send({ choice: 'IN_FAVOUR' });
    expect(conflicted).toMatchObject({ status: 422, body: { code: 'CONFLICT_OF_INTEREST' } });
    const withOpinion = await m.dept.client.post(`/api/review-sessions/${sessionId}/items/${itemCollective}/votes`).send({ choice: 'IN_FAVOUR', opinion: 'Tán thành' });
    expect(withOpinion).toMatchObject({ status: 422, body: { code: 'OPINION_NOT_IN_SECRET_BALLOT', field: 'opinion' } });

    // The collective: distA conflicts; dept and comB in favour in person, dept2 in favour by written opinion.
    for (const key of ['dept', 'comB'] as const) {
      const res = await m[key].client.post(`/api/review-sessions/${sessionId}/items/${itemCollective}/votes`).send({ choice: 'IN_FAVOUR' });
      expect(res.status).toBe(201);
      expect(res.body.mode).toBe('IN_PERSON');
      // Crockford base32 in four groups of four: no I, L, O or U to misread.
      expect(res.body.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      receipts[key] = res.body.receipt;
    }
    // Under a rule set a written opinion is the signed form: the member does not vote here, the secretariat records it.
    expect((await m.dept2.client.post(`/api/review-sessions/${sessionId}/items/${itemCollective}/votes`).send({ choice: 'IN_FAVOUR' })).body).toMatchObject({ code: 'VOTE_BY_WRITTEN_OPINION' });
    const form = await secretary()
      .post(`/api/review-sessions/${sessionId}/written-opinions`)
      .field('memberId', m.dept2.id)
      .field('choices', JSON.stringify({ [itemCollective]: 'IN_FAVOUR', [itemIndividual]: 'AGAINST' }))
      .attach('file', pdfBytes('phieu y kien uv-so-2'), { filename: 'Phiếu ý kiến uv-so-2.pdf', contentType: 'application/pdf' });
    expect(form.status).toBe(201);
    expect(form.body).toMatchObject({ accountId: m.dept2.id, choices: { [itemCollective]: 'IN_FAVOUR', [itemIndividual]: 'AGAINST' } });
    const second = await m.dept.client.post(`/api/review-sessions/${sessionId}/items/${itemCollective}/votes`).send({ choice: 'AGAINST' });
    expect(second).toMatchObject({ status: 409, body: { code: 'ALREADY_VOTED' } });

    // The individual: comB conflicts (counted as not in favour); 2 in favour of 4 members, 1 against (dept2's form): returned.
    expect((await m.dept.client.post(`/api/review-sessions/${sessionId}/items/${itemIndividual}/votes`).send({ choice: 'IN_FAVOUR' })).status).toBe(201);
    expect((await m.distA.client.post(`/api/review-sessions/${sessionId}/items/${itemIndividual}/votes`).send({ choice: 'IN_FAVOUR' })).status).toBe(201);

    // Each member can check their own ballot was counted, with the choice they made.
    const check = await m.comB.client.post(`/api/review-sessions/${sessionId}/items/${itemCollective}/ballots/verify`).send({ receipt: receipts.comB });
    expect(check.body).toMatchObject({ counted: true, choice: 'IN_FAVOUR', ballots: 2 });
    // Typed the way people type it: lower case, without hyphens, O for 0 and l for 1.
    const typed = receipts.comB!.replace(/-/g, ' ').toLowerCase().replace(/0/g, 'O').replace(/1/g, 'l');
    const loose = await m.comB.client.post(`/api/review-sessions/${sessionId}/items/${itemCollective}/ballots/verify`).send({ receipt: typed });
    expect(loose.body).toMatchObject({ counted: true, choice: 'IN_FAVOUR' });
    // One symbol wrong: the check symbol says it may be a typo, not that the ballot is missing.
    const symbols = receipts.comB!.replace(/-/g, '');
    const swapped = `${symbols[0] === '7' ? '8' : '7'}${symbols.slice(1)}`;
    const typo = await m.comB.client.post(`/api/review-sessions/${sessionId}/items/${itemCollective}/ballots/verify`).send({ receipt: swapped });
    expect(typo).toMatchObject({ status: 422, body: { code: 'RECEIPT_MISTYPED', field: 'receipt' } });
    expect(typo.body.message).toContain('gõ nhầm');
    expect((await m.comB.client.post(`/api/review-sessions/${sessionId}/items/${itemCollective}/ballots/verify`).send({ receipt: 'ABCD-EFGH' })).body).toMatchObject({ code: 'RECEIPT_MISTYPED' });
    // A well-formed receipt (its check symbol right) that is not in this urn.
    const absent = formatReceipt(Array.from({ length: 15 }, (_, i) => (i * 7) % 32));
    const wrong = await m.comB.client.post(`/api/review-sessions/${sessionId}/items/${itemCollective}/ballots/verify`).send({ receipt: absent });
    expect(wrong).toMatchObject({ status: 404, body: { code: 'RECEIPT_NOT_FOUND' } });
    // An old-format receipt that is not in this urn.
    expect((await m.comB.client.post(`/api/review-sessions/${sessionId}/items/${itemCollective}/ballots/verify`).send({ receipt: 'A'.repeat(20) })).status).toBe(404);
  });

  it('closes the vote and computes each outcome under the rule set the session pinned; the third candidate, with no votes in favour, returns', async () => {
    const res = await secretary().post(`/api/review-sessions/${sessionId}/voting/close`);
    expect(res.status).toBe(200);
    const byItem = Object.fromEntries(res.body.results.map((r: { itemId: string; outcome: string }) => [r.itemId, r.outcome]));
    expect(byItem[itemCollective]).toBe('RECOGNISE');
    expect(byItem[itemIndividual]).toBe('RETURN_TO_NURTURING');
    // Attendance (3 present, 1 by written opinion of 4) is met for the session, so no votes is a return, not "no decision".
    expect(Object.values(byItem)).toEqual(['RECOGNISE', 'RETURN_TO_NURTURING', 'RETURN_TO_NURTURING']);
    const d = await detail(sessionId);
    expect(d.items.find((i) => i.id === itemCollective)!.verdict!.tally).toEqual({ members: 4, present: 3, writtenOpinions: 1, recused: 1, inFavour: 3, against: 0, abstain: 0, chairCastingVote: null });
    expect(d.items.find((i) => i.id === itemIndividual)!.verdict!.tally).toMatchObject({ inFavour: 2, against: 1, recused: 1 });

    // The urn: as many ballots as members recorded as voting, and no voter in it.
    const ballots = await t.as(AUDITOR).get(`/api/review-sessions/${sessionId}/items/${itemCollective}/ballots`);
    expect(ballots.body).toMatchObject({ ballot: 'SECRET', countsMatch: true });
    expect(ballots.body.voters).toHaveLength(2);
    for (const b of ballots.body.ballots) expect(Object.keys(b).sort()).toEqual(['choice', 'receiptHash']);
  });

  it('the statechart refuses a decision the verdict does not give; the right one moves the candidate', async () => {
    const wrong = await secretary().post(`/api/review-sessions/${sessionId}/items/${itemIndividual}/decision`).send({ outcome: 'RECOGNISE' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'GUARD_REFUSED', refusals: [{ code: 'COUNCIL_VERDICT_MISMATCH' }] });
    expect(wrong.body.message).toMatch(/trả về bồi dưỡng/);

    const recognised = await secretary().post(`/api/review-sessions/${sessionId}/items/${itemCollective}/decision`).send({ outcome: 'RECOGNISE', note: 'Nhất trí' });
    expect(recognised.body).toMatchObject({ state: 'publicNotice', event: 'RECOGNISE' });
    const returned = await secretary().post(`/api/review-sessions/${sessionId}/items/${itemIndividual}/decision`).send({ outcome: 'RETURN_TO_NURTURING', shortcomings: ['Bổ sung xác nhận của địa phương'] });
    expect(returned.body).toMatchObject({ state: 'returned' });
    const third = (await detail(sessionId)).items.find((i) => i.id !== itemCollective && i.id !== itemIndividual)!;
    expect((await secretary().post(`/api/review-sessions/${sessionId}/items/${third.id}/decision`).send({ outcome: 'RETURN_TO_NURTURING' })).body).toMatchObject({ state: 'returned' });

    // The shortcomings gathered from the checklists reach the candidate's nurturing plan.
    const plan = await t.as(UNIT_HEAD).get(`/api/candidates/${individual.id}/nurturing`);
    expect(plan.body.shortcomingsToAddress).toContain('Bổ sung xác nhận của địa phương');
    // And the generic event endpoint never takes a decision.
    const generic = await sendEvent(t, collective.id, 'CONFIRM_RECOGNITION', {}, SECRETARY);
    expect(generic).toMatchObject({ status: 409, body: { code: 'DECISION_ONLY_IN_REVIEW_SESSION' } });
  });

  it('publishes the provisional list for 10 working days, records and answers comments, and decides only after', async () => {
    const notice = await secretary().post(`/api/review-sessions/${sessionId}/notice`).send({ channels: 'Cổng thông tin điện tử tỉnh' });
    expect(notice.status).toBe(201);
    expect(notice.body.endsOn > notice.body.publishedOn).toBe(true);

    const comment = await t.as(UNIT_HEAD).post(`/api/review-sessions/${sessionId}/notice/comments`).send({ itemId: itemCollective, author: 'UBND xã A1', body: 'Đề nghị làm rõ số liệu thu nhập.' });
    expect(comment.status).toBe(201);
    const early = await secretary().post(`/api/review-sessions/${sessionId}/finalise`);
    expect(early).toMatchObject({ status: 409, body: { code: 'COMMENTS_UNANSWERED' } });
    expect((await secretary().post(`/api/review-sessions/${sessionId}/notice/comments/${comment.body.commentId}/answer`).send({ body: 'Số liệu đã được kiểm tra, đúng.', upheld: false })).status).toBe(201);

    const tooSoon = await secretary().post(`/api/review-sessions/${sessionId}/finalise`);
    expect(tooSoon.status).toBe(422);
    expect(tooSoon.body).toMatchObject({ code: 'GUARD_REFUSED', refusals: [{ code: 'NOTICE_PERIOD_NOT_ENDED' }] });
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${collective.id}`)).body.state).toBe('publicNotice');

    const final = await later(t, 21, () => secretary().post(`/api/review-sessions/${sessionId}/finalise`));
    expect(final.status).toBe(200);
    expect(final.body.recognised).toEqual([collective.id]);
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${collective.id}`)).body.state).toBe('recognised');
    expect((await detail(sessionId)).status).toBe('CLOSED');
  });

  it('produces the minutes as a PDF in Vietnamese with members, quorum, tallies and decisions', async () => {
    const res = await t.as(AUDITOR).get(`/api/review-sessions/${sessionId}/minutes.pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(res.body as Buffer)).replace(/\s+/g, ' ');
    for (const expected of ['BIÊN BẢN', 'Tổng kết năm 2025', 'Nguyễn Văn Mạnh', 'uv-so-2', 'Hợp tác xã Nông nghiệp Tân Yên', 'Nguyễn Thị Hường', 'Bỏ phiếu kín', 'Đề nghị công nhận điển hình tiên tiến', 'Trả về tiếp tục bồi dưỡng', 'Độc lập - Tự do - Hạnh phúc']) {
      expect(text).toContain(expected);
    }
  });

  it('keeps a verifiable trail: the session stream and every candidate replay through the statechart', async () => {
    const res = await t.as(AUDITOR).post('/api/audit/verify').send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true });
    // The trail of the session: who opened it, assigned, reviewed, voted (not how), and the decisions it led to.
    const trail = await t.as(AUDITOR).get(`/api/audit/records?pageSize=500&sessionId=${sessionId}`);
    expect(trail.status).toBe(200);
    const types = trail.body.items.map((i: { eventType: string }) => i.eventType);
    for (const type of ['SESSION_OPENED', 'CANDIDATE_ADDED', 'REVIEWERS_ASSIGNED', 'CHECKLIST_SUBMITTED', 'CHECKLIST_CORRECTED', 'VOTING_OPENED', 'VOTE_CAST', 'WRITTEN_OPINION_RECORDED', 'VOTING_CLOSED', 'RECOGNISE', 'RETURN_TO_NURTURING', 'DECISION_CONFIRMED', 'NOTICE_PUBLISHED', 'NOTICE_COMMENT_RECORDED', 'NOTICE_COMMENT_ANSWERED', 'CONFIRM_RECOGNITION', 'SESSION_CLOSED']) {
      expect(types).toContain(type);
    }
    const votes = trail.body.items.filter((i: { eventType: string }) => i.eventType === 'VOTE_CAST');
    expect(votes).toHaveLength(4);
    for (const v of votes) expect(v.payload.choice).toBeUndefined();
    expect(trail.body.items.find((i: { eventType: string }) => i.eventType === 'VOTE_CAST').eventLabel.vi).toBe('Thành viên đã biểu quyết');
  });
});

describe('secret ballot: nothing in the database links a ballot to its voter', () => {
  it('the urn has no voter, time or order column; participation rows hold no choice; the audit holds no choice', async () => {
    const columns = (await t.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'ballot_box' ORDER BY column_name`)) as { column_name: string }[];
    expect(columns.map((c) => c.column_name)).toEqual(['ballots', 'item_id', 'sealed_at']);
    // As the owner: information_schema shows constraint usage only to a table's owner, and the app owns nothing.
    const fks = (await t.admin.query(
      `SELECT ccu.table_name FROM information_schema.table_constraints tc JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
        WHERE tc.table_name = 'ballot_box' AND tc.constraint_type = 'FOREIGN KEY'`,
    )) as { table_name: string }[];
    expect(fks.map((f) => f.table_name)).toEqual(['review_item']);
    const secretVotes = (await t.dataSource.query(
      `SELECT v.choice, v.opinion FROM council_vote v JOIN review_item i ON i.id = v.item_id JOIN review_session s ON s.id = i.session_id WHERE s.ballot = 'SECRET'`,
    )) as { choice: string | null; opinion: string | null }[];
    expect(secretVotes.length).toBeGreaterThan(0);
    expect(secretVotes.every((v) => v.choice === null && v.opinion === null)).toBe(true);
    const audits = (await t.dataSource.query(`SELECT payload FROM audit_event WHERE event_type = 'VOTE_CAST' AND payload->>'secret' = 'true'`)) as { payload: Record<string, unknown> }[];
    expect(audits.length).toBe(secretVotes.length);
    for (const a of audits) expect(Object.keys(a.payload).sort()).toEqual(['itemId', 'mode', 'secret', 'sessionId']);
    const urns = (await t.dataSource.query('SELECT ballots FROM ballot_box')) as { ballots: Record<string, unknown>[] }[];
    for (const urn of urns) for (const b of urn.ballots) expect(Object.keys(b).sort()).toEqual(['choice', 'receiptHash']);
  });

  it('the urn order is not the order of voting', async () => {
    // 8 members vote in a known order; over 8 ballots the chance of the urn keeping that order by luck is 1/40320.
    const unit = await newUnit(t, { name: 'Ban thử nghiệm', level: 'DEPARTMENT', sector: 'STATE' });
    const voters: { client: ActorClient; id: string }[] = [];
    for (let i = 0; i < 8; i++) voters.push({ client: await t.newAccount(`uv-kin-${i}`, 'COUNCIL_MEMBER', unit.id), id: await accountId(`uv-kin-${i}`) });
    const candidate = await newCandidate(t, { unitId: communeA.id, state: 'underReview' });
    const sessionId = await openSession({ memberIds: voters.map((v) => v.id) });
    const itemId = (await secretary().post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: candidate.id })).body.itemId;
    await secretary().post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: voters.map((v) => v.id) });
    const hashes: string[] = [];
    for (const v of voters) {
      const res = await v.client.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'IN_FAVOUR' });
      const { createHash } = await import('node:crypto');
      hashes.push(createHash('sha256').update(res.body.receipt).digest('hex'));
    }
    const [urn] = (await t.dataSource.query('SELECT ballots FROM ballot_box WHERE item_id = $1', [itemId])) as { ballots: { receiptHash: string }[] }[];
    expect(urn!.ballots.map((b) => b.receiptHash).sort()).toEqual([...hashes].sort());
    expect(urn!.ballots.map((b) => b.receiptHash)).not.toEqual(hashes);
  });

  it('a receipt issued in the first format (20 characters of base64url) still verifies, as typed', async () => {
    const unit = await newUnit(t, { name: 'Ban biên nhận cũ', level: 'DEPARTMENT', sector: 'STATE' });
    const voter = { client: await t.newAccount('uv-bien-nhan-cu', 'COUNCIL_MEMBER', unit.id), id: await accountId('uv-bien-nhan-cu') };
    const candidate = await newCandidate(t, { unitId: communeA.id, state: 'underReview' });
    const sessionId = await openSession({ memberIds: [voter.id] });
    const itemId = (await secretary().post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: candidate.id })).body.itemId;
    await secretary().post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: [voter.id] });
    expect((await voter.client.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'AGAINST' })).status).toBe(201);
    // The urn as a ballot cast before the change left it: the hash of an old-format receipt. (Written behind the
    // application's back for the check, then put back as it was, so the audit trail still vouches for the row.)
    const old = 'q7Zr_2mX-k0LpA9sWe4b';
    const { createHash } = await import('node:crypto');
    const [asCast] = (await t.dataSource.query('SELECT ballots::text AS ballots FROM ballot_box WHERE item_id = $1', [itemId])) as { ballots: string }[];
    await t.dataSource.query(`UPDATE ballot_box SET ballots = jsonb_build_array(jsonb_build_object('receiptHash', $2::text, 'choice', 'AGAINST')) WHERE item_id = $1`, [itemId, createHash('sha256').update(old).digest('hex')]);
    try {
      const check = await voter.client.post(`/api/review-sessions/${sessionId}/items/${itemId}/ballots/verify`).send({ receipt: ` ${old} ` });
      expect(check.body).toMatchObject({ counted: true, choice: 'AGAINST', ballots: 1 });
      // Its case matters (it is not Crockford): the same letters upper-cased are another receipt.
      expect((await voter.client.post(`/api/review-sessions/${sessionId}/items/${itemId}/ballots/verify`).send({ receipt: old.toUpperCase() })).status).toBe(404);
    } finally {
      await t.dataSource.query('UPDATE ballot_box SET ballots = $2::jsonb WHERE item_id = $1', [itemId, asCast!.ballots]);
    }
  });
});

describe('double votes under concurrency', () => {
  it('50 concurrent votes by one member store one vote and one ballot', async () => {
    const candidate = await newCandidate(t, { unitId: communeA.id, state: 'underReview' });
    const sessionId = await openSession();
    const itemId = (await secretary().post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: candidate.id })).body.itemId;
    await secretary().post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: allMembers() });
    const results = await Promise.all(Array.from({ length: 50 }, () => m.dept.client.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'IN_FAVOUR' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const [{ n }] = (await t.dataSource.query('SELECT count(*)::int AS n FROM council_vote WHERE item_id = $1', [itemId])) as { n: number }[];
    expect(n).toBe(1);
    const [urn] = (await t.dataSource.query('SELECT ballots FROM ballot_box WHERE item_id = $1', [itemId])) as { ballots: unknown[] }[];
    expect(urn!.ballots).toHaveLength(1);
  });
});

describe('criteria versions', () => {
  it('a review keeps the version in force when its session opened; a later session gets the new one', async () => {
    const candidate = await newCandidate(t, { unitId: communeA.id, state: 'underReview' });
    const before = await openSession();
    const itemBefore = (await secretary().post(`/api/review-sessions/${before}/items`).send({ candidateId: candidate.id })).body.itemId;

    const sets = (await t.as(ADMIN).get('/api/criteria-sets')).body as { code: string; version: number; inForce: boolean; criteria: { code: string; vi: string; en: string }[] }[];
    const v1 = sets.find((s) => s.code === 'COLLECTIVE' && s.inForce)!;
    const published = await t.as(ADMIN).post('/api/criteria-sets/COLLECTIVE/versions').send({
      criteria: [...v1.criteria.slice(0, 4), { code: 'C6_DIGITAL_TRANSFORMATION', vi: 'Tích cực chuyển đổi số trong hoạt động', en: 'Active in digital transformation' }],
      note: 'Bỏ tiêu chí C5, thêm tiêu chí chuyển đổi số',
    });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: v1.version + 1, inForce: true });
    expect((await secretary().post('/api/criteria-sets/COLLECTIVE/versions').send({ criteria: v1.criteria })).status).toBe(403);

    const pinned = (await detail(before)).items.find((i) => i.id === itemBefore)!;
    expect(pinned.criteria.map((c) => c.code)).toEqual(v1.criteria.map((c) => c.code));

    const after = await openSession();
    // The candidate is held by the first session; another collective shows the new version.
    const other = await newCandidate(t, { unitId: communeA.id, state: 'underReview' });
    const itemAfter = (await secretary().post(`/api/review-sessions/${after}/items`).send({ candidateId: other.id })).body.itemId;
    const current = (await detail(after)).items.find((i) => i.id === itemAfter)!;
    expect(current.criteria.map((c) => c.code)).toContain('C6_DIGITAL_TRANSFORMATION');
    expect(current.criteria.map((c) => c.code)).not.toContain('C5_SOCIAL_CONTRIBUTION');
    // The earlier version is still there, unchanged.
    const all = (await t.as(AUDITOR).get('/api/criteria-sets')).body as { code: string; version: number; criteria: unknown[] }[];
    expect(all.find((s) => s.code === 'COLLECTIVE' && s.version === v1.version)!.criteria).toEqual(v1.criteria);
  });
});

describe('quorum not met', () => {
  it('leaves the candidate under review with no decision, free to join another session', async () => {
    const candidate = await newCandidate(t, { unitId: communeA.id, state: 'underReview' });
    const sessionId = await openSession({ memberIds: [m.dept.id, m.comB.id, m.dept2.id], ballot: 'OPEN' });
    const itemId = (await secretary().post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: candidate.id })).body.itemId;
    await secretary().post(`/api/review-sessions/${sessionId}/items/${itemId}/assignments`).send({ reviewerIds: [m.dept.id] });
    const criteria = (await detail(sessionId)).items[0]!.criteria;
    await m.dept.client.post(`/api/review-sessions/${sessionId}/items/${itemId}/checklists`).send(fullChecklist(criteria));
    await secretary().post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: [m.dept.id] });
    // 1 of 3 eligible take part: below 2/3.
    const vote = await m.dept.client.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'IN_FAVOUR', opinion: 'Tán thành' });
    expect(vote.body).toMatchObject({ mode: 'IN_PERSON' });
    expect(vote.body.receipt).toBeUndefined();
    const closed = await secretary().post(`/api/review-sessions/${sessionId}/voting/close`);
    expect(closed.body.results[0]).toMatchObject({ outcome: 'NO_DECISION' });
    const item = (await detail(sessionId)).items[0]!;
    expect(item.status).toBe('NO_DECISION');
    const confirm = await secretary().post(`/api/review-sessions/${sessionId}/items/${itemId}/decision`).send({ outcome: 'RETURN_TO_NURTURING' });
    expect(confirm).toMatchObject({ status: 409, body: { code: 'REVIEW_ITEM_STAGE_FORBIDS' } });
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${candidate.id}`)).body.state).toBe('underReview');
    // An open ballot shows each vote with its voter.
    const ballots = await secretary().get(`/api/review-sessions/${sessionId}/items/${itemId}/ballots`);
    expect(ballots.body.votes).toEqual([expect.objectContaining({ memberId: m.dept.id, choice: 'IN_FAVOUR', opinion: 'Tán thành' })]);
    const next = await openSession();
    expect((await secretary().post(`/api/review-sessions/${next}/items`).send({ candidateId: candidate.id })).status).toBe(201);
  });
});

describe("the session's stage", () => {
  it('refuses what it does not allow, naming the stage, the stages that would allow it and the action', async () => {
    const candidate = await newCandidate(t, { unitId: communeA.id, state: 'underReview' });
    const sessionId = await openSession();
    const itemId = (await secretary().post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: candidate.id })).body.itemId;
    const refusals = {
      close: await secretary().post(`/api/review-sessions/${sessionId}/voting/close`),
      comment: await secretary().post(`/api/review-sessions/${sessionId}/notice/comments`).send({ author: 'Ẩn danh', body: 'Góp ý' }),
      finalise: await secretary().post(`/api/review-sessions/${sessionId}/finalise`),
      ballots: await secretary().get(`/api/review-sessions/${sessionId}/items/${itemId}/ballots`),
      minutes: await secretary().get(`/api/review-sessions/${sessionId}/minutes.pdf`),
    };
    const expected = {
      close: { allowed: ['VOTING'], action: 'kết thúc biểu quyết' },
      comment: { allowed: ['NOTICE'], action: 'ghi nhận ý kiến' },
      finalise: { allowed: ['VOTING_CLOSED', 'NOTICE'], action: 'kết thúc phiên xét' },
      ballots: { allowed: ['VOTING_CLOSED', 'NOTICE', 'CLOSED'], action: 'xem phiếu' },
      minutes: { allowed: ['VOTING_CLOSED', 'NOTICE', 'CLOSED'], action: 'lập biên bản' },
    };
    for (const [key, res] of Object.entries(refusals)) {
      const { allowed, action } = expected[key as keyof typeof expected];
      expect({ key, status: res.status, body: res.body }).toMatchObject({
        key,
        status: 409,
        body: {
          code: 'SESSION_STAGE_FORBIDS',
          status: 'PREPARING',
          allowed,
          action,
          message: `Phiên xét đang ở giai đoạn "Chuẩn bị (thêm hồ sơ, phân công, đánh giá)"; không thể thực hiện thao tác này (${action}).`,
        },
      });
    }
    // The stage moves only through its operations: opening the vote leaves adding candidates behind.
    await secretary().post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: allMembers() });
    const late = await secretary().post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: (await newCandidate(t, { unitId: communeA.id, state: 'underReview' })).id });
    expect(late).toMatchObject({ status: 409, body: { code: 'SESSION_STAGE_FORBIDS', status: 'VOTING', allowed: ['PREPARING'], action: 'thêm hồ sơ' } });
    expect((await detail(sessionId)).status).toBe('VOTING');
  });
});
