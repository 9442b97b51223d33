/**
 * Clearances (hiệp y): the secretariat asks the agencies the jurisdiction profile lists about a candidate of a
 * session, with the profile's deadline; each answer is recorded with its document; an unanswered request reads
 * NO_ANSWER once its deadline has passed; and the session's clearance rule decides whether a missing or negative
 * clearance stands in the way of recognition when the vote closes. Every step is on the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import type supertest from 'supertest';
import { clearanceDueOn } from '#domain';
import { reviewSessionStream } from '../apps/api/src/audit/streams.js';
import { Clock } from '../apps/api/src/common/clock.js';
import { BAC_NINH_WITH_REGULATION } from '../apps/api/src/demo/demo-profile.js';
import { startTestApp, type TestApp } from './support/app.js';
import { councilOf, fullChecklist, later } from './support/council.js';
import { REGULATION_2025_PRESET } from '#workflow';
import { ADMIN, SECRETARY, UNIT_HEAD, COUNCIL_MEMBER, AUDITOR, newCandidate, pdfBytes } from './support/factories.js';

jest.setTimeout(180_000);

let t: TestApp;
const secretary = () => t.as(SECRETARY);
const admin = () => t.as(ADMIN);
const today = () => t.running.app.get(Clock).today();
const binary = (req: supertest.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

/** Days from today to one past `dueOn`: running "later" by this many days puts the request past its deadline. */
const daysPast = (dueOn: string) => Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today()}T00:00:00Z`)) / 86_400_000) + 1;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/**
 * A council rule set of the regulation's figures with the clearance rule given, published by an administrator as
 * its own code: a session names it when it opens, and the rule comes from it.
 */
async function ruleSetWith(clearances: string) {
  const code = `HIEP_Y_${clearances}`;
  const known = await admin().get('/api/council-rule-sets');
  if (!(known.body as { code: string }[]).some((r) => r.code === code)) {
    const published = await admin()
      .post('/api/council-rule-sets')
      .send({ code, name: { vi: `Quy định, hiệp y ${clearances}`, en: `Regulation, clearances ${clearances}` }, source: { vi: 'Kiểm thử', en: 'Test' }, rules: { ...REGULATION_2025_PRESET.ruleSet, clearances } });
    expect(published.status).toBe(201);
  }
  return code;
}

/** A session (under a rule set with the clearance rule given, or the one in force) holding one new candidate under review. */
async function sessionWithCandidate(clearanceRule?: string) {
  const council = await councilOf(t);
  const candidate = await newCandidate(t, { state: 'underReview', name: `Hợp tác xã ${Math.random().toString(36).slice(2, 7)}` });
  const ruleSetCode = clearanceRule ? await ruleSetWith(clearanceRule) : undefined;
  const opened = await secretary()
    .post('/api/review-sessions')
    .send({ title: 'Tổng kết năm 2026', year: 2026, chairName: 'Chủ tịch Hội đồng', ballot: 'OPEN', memberIds: council.memberIds, ...(ruleSetCode ? { ruleSetCode } : {}) });
  expect(opened.status).toBe(201);
  const sessionId = opened.body.id as string;
  const added = await secretary().post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: candidate.id });
  expect(added.status).toBe(201);
  return { sessionId, itemId: added.body.itemId as string, candidateId: candidate.id, council };
}

/** Checklists, every member in favour, and the vote closed (as of `days` later when given). */
async function voteInFavourAndClose(s: Awaited<ReturnType<typeof sessionWithCandidate>>, days = 0) {
  const ok = (res: { status: number; body: unknown }, status = 200) => expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ status, body: undefined });
  ok(await secretary().post(`/api/review-sessions/${s.sessionId}/assignments/automatic`).send({ perCandidate: 1 }));
  const detail = await secretary().get(`/api/review-sessions/${s.sessionId}`);
  const item = detail.body.items.find((i: { id: string }) => i.id === s.itemId) as { reviewers: string[]; criteria: { code: string }[] };
  for (const reviewerId of item.reviewers) {
    ok(await s.council.members[s.council.memberIds.indexOf(reviewerId)]!.post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/checklists`).send(fullChecklist(item.criteria)), 201);
  }
  ok(await secretary().post(`/api/review-sessions/${s.sessionId}/voting/open`).send({ presentMemberIds: s.council.memberIds }));
  for (const member of s.council.members) ok(await member.post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/votes`).send({ choice: 'IN_FAVOUR' }), 201);
  const close = () => secretary().post(`/api/review-sessions/${s.sessionId}/voting/close`);
  const closed = days > 0 ? await later(t, days, close) : await close();
  ok(closed);
  const after = await secretary().get(`/api/review-sessions/${s.sessionId}`);
  return after.body.items.find((i: { id: string }) => i.id === s.itemId) as { status: string; outcome: string; findings: { code: string; vi: string }[]; verdict: { clearances?: unknown }; clearances: { state: string }[] };
}

async function ask(s: { sessionId: string; itemId: string }, agencyCodes: string[], extra: Record<string, unknown> = {}) {
  return secretary().post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/clearances`).send({ agencyCodes, ...extra });
}

async function sessionRecords(sessionId: string, eventType: string) {
  return (await t.dataSource.query('SELECT candidate_id AS "candidateId", payload, actor FROM audit_event WHERE stream = $1 AND event_type = $2 ORDER BY seq', [reviewSessionStream(sessionId), eventType])) as {
    candidateId: string;
    payload: Record<string, unknown>;
    actor: string;
  }[];
}

describe('requests, answers and the deadline', () => {
  let s: Awaited<ReturnType<typeof sessionWithCandidate>>;
  let ids: Record<string, string>;
  const dueOn = () => clearanceDueOn(BAC_NINH_WITH_REGULATION, today())!;

  beforeAll(async () => {
    s = await sessionWithCandidate();
  });

  it('the session shows its rule (the regulation: missing or negative blocks), the profile’s agencies and the deadline a request today gets', async () => {
    const res = await t.as(COUNCIL_MEMBER).get(`/api/review-sessions/${s.sessionId}/clearances`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rule: 'MISSING_OR_NEGATIVE_BLOCKS', open: true, requests: [], dueOnIfRequestedToday: dueOn() });
    expect(res.body.ruleLabel.vi).toMatch(/Thiếu ý kiến hiệp y hoặc cơ quan không đồng ý/);
    expect(res.body.agencies.map((a: { code: string }) => a.code)).toEqual(BAC_NINH_WITH_REGULATION.clearanceAgencies!.map((a) => a.code));
  });

  it('the secretariat asks three agencies: each request has the profile’s deadline and version, one audit record names them', async () => {
    const res = await ask(s, ['CONG_AN_TINH', 'THUE_TINH', 'BHXH_TINH'], { letterNumber: '125/SNV-TĐKT' });
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(3);
    for (const r of res.body) expect(r).toMatchObject({ itemId: s.itemId, candidateId: s.candidateId, requestedOn: today(), dueOn: dueOn(), state: 'PENDING', letterNumber: '125/SNV-TĐKT', answer: null, requestedBy: SECRETARY });
    // Who asked, by name with role and unit (screens show this, never the login).
    for (const r of res.body) expect(Object.keys(r.people)).toEqual([SECRETARY]);
    expect(res.body[0].people[SECRETARY]).toMatchObject({ title: { vi: expect.stringMatching(/^Thường trực Hội đồng \(Ban Thi đua - Khen thưởng\)/) } });
    expect(res.body[0].agency).toMatchObject({ code: 'CONG_AN_TINH', name: 'Công an tỉnh' });
    ids = Object.fromEntries(res.body.map((r: { id: string; agency: { code: string } }) => [r.agency.code, r.id]));
    const [record] = await sessionRecords(s.sessionId, 'CLEARANCES_REQUESTED');
    expect(record).toMatchObject({ candidateId: s.candidateId, actor: SECRETARY, payload: { itemId: s.itemId, dueOn: dueOn(), letterNumber: '125/SNV-TĐKT' } });
    expect((record!.payload.requests as { agencyName: string }[]).map((r) => r.agencyName)).toEqual(['Công an tỉnh', 'Thuế tỉnh', 'Bảo hiểm xã hội tỉnh']);
  });

  it('bad requests are refused with the field named, in Vietnamese first, and write nothing', async () => {
    const empty = await ask(s, []);
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['agencyCodes']);
    const unknown = await ask(s, ['CONG_AN_HUYEN']);
    expect(unknown).toMatchObject({ status: 422, body: { code: 'CLEARANCE_AGENCY_UNKNOWN', field: 'agencyCodes', codes: ['CONG_AN_HUYEN'] } });
    expect(unknown.body.message).toMatch(/Cơ quan hiệp y không có trong danh mục/);
    const again = await ask(s, ['SO_Y_TE', 'CONG_AN_TINH']);
    expect(again).toMatchObject({ status: 409, body: { code: 'CLEARANCE_ALREADY_REQUESTED', field: 'agencyCodes', codes: ['CONG_AN_TINH'] } });
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM clearance_request WHERE item_id = $1', [s.itemId]))[0].n).toBe(3);
    const byUnitHead = await t.as(UNIT_HEAD).post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/clearances`).send({ agencyCodes: ['SO_Y_TE'] });
    expect(byUnitHead.status).toBe(403);
  });

  it('an answer with its document: the file is kept with its SHA-256, downloadable, and on the trail', async () => {
    const bytes = pdfBytes('Cong an tinh: khong vi pham');
    const res = await secretary()
      .post(`/api/review-sessions/${s.sessionId}/clearances/${ids.CONG_AN_TINH}/answer`)
      .field('answer', 'AGREES')
      .field('documentNumber', '88/CAT-PV01')
      .field('documentDate', today())
      .attach('file', bytes, { filename: 'Công an tỉnh - hiệp y.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(res.body).toMatchObject({ state: 'AGREES', answer: { answer: 'AGREES', documentNumber: '88/CAT-PV01', documentDate: today(), late: false, file: { fileName: 'Công an tỉnh - hiệp y.pdf', sha256, sizeBytes: bytes.length } } });
    const file = await binary(t.as(AUDITOR).get(res.body.answer.file.url));
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, bytes)).toBe(0);
    const [record] = await sessionRecords(s.sessionId, 'CLEARANCE_ANSWERED');
    expect(record).toMatchObject({ candidateId: s.candidateId, payload: { requestId: ids.CONG_AN_TINH, answer: 'AGREES', documentNumber: '88/CAT-PV01', file: { sha256 } } });
  });

  it('bad answers are refused with the field named: reasons for a disagreement, a real date not in the future, a document file, one answer only', async () => {
    const url = `/api/review-sessions/${s.sessionId}/clearances/${ids.THUE_TINH}/answer`;
    const noReasons = await secretary().post(url).send({ answer: 'DISAGREES', documentNumber: '5/TCT', documentDate: today() });
    expect(noReasons.status).toBe(400);
    expect(noReasons.body.errors).toEqual([expect.objectContaining({ field: 'reasons', message: expect.stringMatching(/lý do/) })]);
    const badDate = await secretary().post(url).send({ answer: 'AGREES', documentNumber: '5/TCT', documentDate: '2026-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors.map((e: { field: string }) => e.field)).toEqual(['documentDate']);
    const future = await secretary().post(url).send({ answer: 'AGREES', documentNumber: '5/TCT', documentDate: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.errors.map((e: { field: string }) => e.field)).toEqual(['documentDate']);
    const badAnswer = await secretary().post(url).send({ answer: 'MAYBE', documentNumber: '5/TCT', documentDate: today() });
    expect(badAnswer.status).toBe(400);
    expect(badAnswer.body.errors.map((e: { field: string }) => e.field)).toEqual(['answer']);
    const exe = await secretary()
      .post(url)
      .field('answer', 'AGREES')
      .field('documentNumber', '5/TCT')
      .field('documentDate', today())
      .attach('file', Buffer.from('MZ not a pdf'), { filename: 'hiep-y.pdf', contentType: 'application/pdf' });
    expect(exe).toMatchObject({ status: 415, body: { code: 'CLEARANCE_DOCUMENT_TYPE_NOT_ALLOWED', field: 'file' } });
    const twice = await secretary().post(`/api/review-sessions/${s.sessionId}/clearances/${ids.CONG_AN_TINH}/answer`).send({ answer: 'DISAGREES', reasons: 'x', documentNumber: '1', documentDate: today() });
    expect(twice).toMatchObject({ status: 409, body: { code: 'CLEARANCE_ALREADY_ANSWERED' } });
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM clearance_answer a JOIN clearance_request r ON r.id = a.request_id WHERE r.item_id = $1', [s.itemId]))[0].n).toBe(1);
  });

  it('a disagreement is recorded with its reasons; an unanswered request reads NO_ANSWER from the day after its deadline', async () => {
    const disagree = await secretary()
      .post(`/api/review-sessions/${s.sessionId}/clearances/${ids.THUE_TINH}/answer`)
      .send({ answer: 'DISAGREES', reasons: 'Còn nợ thuế năm 2025 chưa nộp.', documentNumber: '5/TCT', documentDate: today() });
    expect(disagree.status).toBe(201);
    expect(disagree.body).toMatchObject({ state: 'DISAGREES', answer: { reasons: 'Còn nợ thuế năm 2025 chưa nộp.', file: null } });

    const stateOn = async (days: number) => {
      const read = () => secretary().get(`/api/review-sessions/${s.sessionId}/clearances`);
      const res = days > 0 ? await later(t, days, read) : await read();
      return Object.fromEntries(res.body.requests.map((r: { agency: { code: string }; state: string }) => [r.agency.code, r.state]));
    };
    expect(await stateOn(0)).toEqual({ CONG_AN_TINH: 'AGREES', THUE_TINH: 'DISAGREES', BHXH_TINH: 'PENDING' });
    expect(await stateOn(daysPast(dueOn()) - 1)).toMatchObject({ BHXH_TINH: 'PENDING' });
    expect(await stateOn(daysPast(dueOn()))).toEqual({ CONG_AN_TINH: 'AGREES', THUE_TINH: 'DISAGREES', BHXH_TINH: 'NO_ANSWER' });
    // The checklist view of the item shows the same.
    const detail = await later(t, daysPast(dueOn()), () => t.as(COUNCIL_MEMBER).get(`/api/review-sessions/${s.sessionId}`));
    const item = detail.body.items.find((i: { id: string }) => i.id === s.itemId);
    const shown = Object.fromEntries(item.clearances.map((c: { agency: { code: string }; state: string; stateLabel: { vi: string } }) => [c.agency.code, [c.state, c.stateLabel.vi]]));
    expect(shown).toEqual({ CONG_AN_TINH: ['AGREES', 'Đồng ý'], THUE_TINH: ['DISAGREES', 'Không đồng ý'], BHXH_TINH: ['NO_ANSWER', 'Không trả lời đúng hạn'] });
  });
});

describe('the session’s rule at the close of the vote', () => {
  it('MISSING_OR_NEGATIVE_BLOCKS (the default): a request without an answer by the deadline blocks recognition, naming the agency', async () => {
    const s = await sessionWithCandidate();
    const asked = await ask(s, ['CONG_AN_TINH', 'THANH_TRA_TINH']);
    expect(asked.status).toBe(201);
    const police = asked.body.find((r: { agency: { code: string } }) => r.agency.code === 'CONG_AN_TINH');
    expect((await secretary().post(`/api/review-sessions/${s.sessionId}/clearances/${police.id}/answer`).send({ answer: 'AGREES', documentNumber: '9/CAT', documentDate: today() })).status).toBe(201);
    const item = await voteInFavourAndClose(s, daysPast(asked.body[0].dueOn));
    expect(item).toMatchObject({ status: 'NO_DECISION', outcome: 'NO_DECISION' });
    const finding = item.findings.find((f) => f.code === 'CLEARANCE_BLOCKS')!;
    expect(finding.vi).toMatch(/chưa có ý kiến: Thanh tra tỉnh/);
    expect(finding.vi).not.toMatch(/Công an tỉnh/);
    // The verdict carries the clearances as they stood; the pinned rule set (the regulation's) says they block.
    expect((item.verdict as { ruleSet?: { clearances?: string } }).ruleSet?.clearances).toBe('MISSING_OR_NEGATIVE_BLOCKS');
    expect(item.verdict.clearances).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agencyCode: 'CONG_AN_TINH', state: 'AGREES' }),
        expect.objectContaining({ agencyCode: 'THANH_TRA_TINH', state: 'NO_ANSWER' }),
      ]),
    );
    // Nothing to confirm: the candidate stays under review, and no answer can be recorded after the vote.
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${s.candidateId}`)).body.state).toBe('underReview');
    const recognise = await secretary().post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/decision`).send({ outcome: 'RECOGNISE' });
    expect(recognise.status).toBeGreaterThanOrEqual(400);
    const late = await ask(s, ['SO_Y_TE']);
    // The session's stage refuses, as for every change to a session, naming the stages that allow it.
    expect(late).toMatchObject({ status: 409, body: { code: 'SESSION_STAGE_FORBIDS', status: 'VOTING_CLOSED', allowed: ['PREPARING', 'VOTING'], action: 'đề nghị hiệp y' } });
  });

  it('NEGATIVE_BLOCKS: a disagreement blocks, naming the agency', async () => {
    const s = await sessionWithCandidate('NEGATIVE_BLOCKS');
    const asked = await ask(s, ['THUE_TINH']);
    expect((await secretary().post(`/api/review-sessions/${s.sessionId}/clearances/${asked.body[0].id}/answer`).send({ answer: 'DISAGREES', reasons: 'Nợ thuế', documentNumber: '3/TCT', documentDate: today() })).status).toBe(201);
    const item = await voteInFavourAndClose(s);
    expect(item.outcome).toBe('NO_DECISION');
    expect(item.findings.find((f) => f.code === 'CLEARANCE_BLOCKS')!.vi).toMatch(/không đồng ý: Thuế tỉnh/);
  });

  it('ADVISORY: the same missing and negative clearances are noted, and the council recognises', async () => {
    const s = await sessionWithCandidate('ADVISORY');
    const asked = await ask(s, ['THUE_TINH', 'BHXH_TINH']);
    const tax = asked.body.find((r: { agency: { code: string } }) => r.agency.code === 'THUE_TINH');
    expect((await secretary().post(`/api/review-sessions/${s.sessionId}/clearances/${tax.id}/answer`).send({ answer: 'DISAGREES', reasons: 'Nợ thuế', documentNumber: '4/TCT', documentDate: today() })).status).toBe(201);
    expect((await secretary().get(`/api/review-sessions/${s.sessionId}/clearances`)).body.rule).toBe('ADVISORY');
    const item = await voteInFavourAndClose(s, daysPast(asked.body[0].dueOn));
    expect(item).toMatchObject({ status: 'DECIDABLE', outcome: 'RECOGNISE' });
    expect(item.findings.find((f) => f.code === 'CLEARANCE_NOTED')!.vi).toMatch(/không đồng ý: Thuế tỉnh; chưa có ý kiến: Bảo hiểm xã hội tỉnh/);
    const confirmed = await secretary().post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/decision`).send({ outcome: 'RECOGNISE' });
    expect(confirmed.status).toBe(200);
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${s.candidateId}`)).body.state).toBe('publicNotice');
  });

  it('a rule set’s clearance rule must be one of the three, named in the refusal; a session takes its rule from its rule set alone', async () => {
    const res = await admin()
      .post('/api/council-rule-sets')
      .send({ code: 'HIEP_Y_SAI', name: { vi: 'Sai', en: 'Wrong' }, source: { vi: 'Kiểm thử', en: 'Test' }, rules: { ...REGULATION_2025_PRESET.ruleSet, clearances: 'SOMETIMES' } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'RULE_SET_INVALID', field: 'rules.clearances' });
    expect(res.body.message).toMatch(/ý kiến hiệp y/);
    const council = await councilOf(t);
    const chosen = await secretary().post('/api/review-sessions').send({ title: 'x', year: 2026, chairName: 'y', ballot: 'OPEN', memberIds: council.memberIds, clearanceRule: 'ADVISORY' });
    expect(chosen.status).toBe(400);
    expect(chosen.body.errors.map((e: { field: string }) => e.field)).toEqual(['clearanceRule']);
  });

  it('without any clearance requested, the default rule changes nothing: the votes decide', async () => {
    const s = await sessionWithCandidate();
    const item = await voteInFavourAndClose(s);
    expect(item).toMatchObject({ status: 'DECIDABLE', outcome: 'RECOGNISE' });
    expect(item.verdict.clearances).toBeUndefined();
  });
});
