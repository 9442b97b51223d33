/**
 * Council rule sets through the API: published by administrators as audited versions, pinned to a session when it
 * opens, and applied when voting closes: 80 % of all 11 members at the edge (9 attend: judged; 8: no decision), a
 * written opinion with its signed form making up the attendance and counting as a vote, a recused member counting
 * as not in favour, a tie broken by the chair's casting vote, a version published after opening changing nothing,
 * and a quota with the preference among equals (NĐ 152/2025 Điều 4.6). Each decision passes the candidate
 * statechart's guard, which recomputes it from the verdict; the minutes state the rule set and the figures.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { REGULATION_2025_PRESET } from '#workflow';
import { startTestApp, type ActorClient, type TestApp } from './support/app.js';
import { councilOf, fullChecklist, type Council } from './support/council.js';
import { ADMIN, SECRETARY, UNIT_HEAD, newCandidate, newUnit, pdfBytes } from './support/factories.js';
import { pdfText } from './support/pdf-text.js';

// Eleven members, sessions taken to their close: slower than the default on the embedded database.
jest.setTimeout(300_000);

let t: TestApp;
let council: Council;
const secretary = () => t.as(SECRETARY);

beforeAll(async () => {
  t = await startTestApp();
  council = await councilOf(t, 11);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

type Choice = 'IN_FAVOUR' | 'AGAINST' | 'ABSTAIN';

interface ItemView {
  id: string;
  candidate: { id: string };
  status: string;
  outcome: string | null;
  reviewers: string[];
  conflicts: string[];
  criteria: { code: string }[];
  figures: { base: number; needed: number; inFavour: number; against: number; tieBrokenByChair: boolean } | null;
  findings: { code: string; vi: string }[] | null;
  castingVote: string | null;
}
interface Detail {
  items: ItemView[];
  ruleSet: { code: string; version: number; rules: { recognition: unknown; quota: number | null } } | null;
  members: { accountId: string; attendance: string | null }[];
  writtenOpinions: { accountId: string; sha256: string; choices: Record<string, string> }[];
}

async function detail(sessionId: string): Promise<Detail> {
  const res = await secretary().get(`/api/review-sessions/${sessionId}`);
  expect(res.status).toBe(200);
  return res.body as Detail;
}

function ok(res: { status: number; body: unknown }, status = 200) {
  expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ status, body: undefined });
  return res.body as Record<string, unknown>;
}

/**
 * A session over `candidateIds` up to the close of voting: each item reviewed, attendance taken, the members present
 * voting `choices[i]` in the order of `present` (a shorter list: the rest abstain), written opinions recorded.
 */
async function sessionUpToClose(options: {
  candidateIds: string[];
  memberIds?: string[];
  clients?: ActorClient[];
  present: number[];
  written?: number[];
  choices: (itemIndex: number) => Choice[];
  writtenChoice?: Choice;
  ruleSetCode?: string;
  beforeClose?: (sessionId: string, itemIds: string[]) => Promise<void>;
}) {
  const memberIds = options.memberIds ?? council.memberIds;
  const clients = options.clients ?? council.members;
  const sessionId = ok(
    await secretary()
      .post('/api/review-sessions')
      .send({ title: 'Tổng kết năm 2025', year: 2025, chairName: 'Chủ tịch Hội đồng', ballot: 'OPEN', memberIds, ...(options.ruleSetCode ? { ruleSetCode: options.ruleSetCode } : {}) }),
    201,
  ).id as string;
  const itemIds: string[] = [];
  for (const candidateId of options.candidateIds) itemIds.push(ok(await secretary().post(`/api/review-sessions/${sessionId}/items`).send({ candidateId }), 201).itemId as string);
  ok(await secretary().post(`/api/review-sessions/${sessionId}/assignments/automatic`).send({ perCandidate: 1 }));
  for (const item of (await detail(sessionId)).items) {
    for (const reviewerId of item.reviewers) {
      ok(await clients[memberIds.indexOf(reviewerId)]!.post(`/api/review-sessions/${sessionId}/items/${item.id}/checklists`).send(fullChecklist(item.criteria)), 201);
    }
  }
  const present = options.present.map((i) => memberIds[i]!);
  const written = (options.written ?? []).map((i) => memberIds[i]!);
  ok(await secretary().post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: present, writtenOpinionMemberIds: written }));
  const d = await detail(sessionId);
  for (const [n, itemId] of itemIds.entries()) {
    const conflicts = d.items.find((i) => i.id === itemId)!.conflicts;
    const voters = options.present.filter((i) => !conflicts.includes(memberIds[i]!));
    for (const [k, i] of voters.entries()) {
      ok(await clients[i]!.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: options.choices(n)[k] ?? 'ABSTAIN' }), 201);
    }
  }
  for (const i of options.written ?? []) {
    const choices = Object.fromEntries(itemIds.map((id) => [id, options.writtenChoice ?? 'IN_FAVOUR']));
    ok(
      await secretary()
        .post(`/api/review-sessions/${sessionId}/written-opinions`)
        .field('memberId', memberIds[i]!)
        .field('choices', JSON.stringify(choices))
        .attach('file', pdfBytes(`phieu y kien ${i}`), { filename: 'Phiếu ý kiến.pdf', contentType: 'application/pdf' }),
      201,
    );
  }
  await options.beforeClose?.(sessionId, itemIds);
  ok(await secretary().post(`/api/review-sessions/${sessionId}/voting/close`));
  return { sessionId, itemIds, detail: await detail(sessionId) };
}

const range = (n: number) => [...Array(n).keys()];
const times = (n: number, c: Choice): Choice[] => Array(n).fill(c);

async function underReview(n: number, over: Record<string, unknown> = {}) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await newCandidate(t, { state: 'underReview', ...over })).id);
  return ids;
}

async function confirm(sessionId: string, itemId: string, outcome: string) {
  return secretary().post(`/api/review-sessions/${sessionId}/items/${itemId}/decision`).send({ outcome, ...(outcome === 'REJECT' ? { reasons: 'Không đạt' } : {}) });
}

describe('rule sets as published data', () => {
  it('ships the two presets, the regulation in force; everyone reads them, administrators publish', async () => {
    const list = await t.as(UNIT_HEAD).get('/api/council-rule-sets');
    expect(list.status).toBe(200);
    expect(list.body.map((r: { code: string; version: number; inForce: boolean }) => [r.code, r.version, r.inForce])).toEqual([
      ['QUY_DINH_2025', 1, true],
      ['THUC_TIEN_2014_2023', 1, false],
    ]);
    expect(list.body[0].rules).toEqual(REGULATION_2025_PRESET.ruleSet);
    const presets = await t.as(ADMIN).get('/api/council-rule-sets/presets');
    expect(presets.body.map((p: { code: string }) => p.code)).toEqual(['QUY_DINH_2025', 'THUC_TIEN_2014_2023']);
    expect((await secretary().post('/api/council-rule-sets').send({})).status).toBe(403);
  });

  it('refuses a rule set ruleSetProblems finds fault with, naming the field, in Vietnamese first; nothing is written', async () => {
    const before = (await t.as(ADMIN).get('/api/council-rule-sets')).body.length;
    const bad = await t
      .as(ADMIN)
      .post('/api/council-rule-sets')
      .send({
        code: 'HONG',
        name: { vi: 'Hỏng', en: 'Broken' },
        source: { vi: 'Thử', en: 'Test' },
        rules: { ...REGULATION_2025_PRESET.ruleSet, quorum: { numerator: 4, denominator: 3 }, quota: 0 },
      });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'RULE_SET_INVALID', field: 'rules.quorum' });
    expect(bad.body.message).toMatch(/^Bộ quy tắc Hội đồng không hợp lệ: tỷ lệ tham dự tối thiểu/);
    expect(bad.body.problems.map((p: { field: string }) => p.field)).toEqual(['rules.quorum', 'rules.quota']);
    const noName = await t.as(ADMIN).post('/api/council-rule-sets').send({ code: 'X', source: { vi: 'a', en: 'b' }, rules: REGULATION_2025_PRESET.ruleSet });
    expect(noName).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ field: 'name' }] } });
    expect((await t.as(ADMIN).get('/api/council-rule-sets')).body.length).toBe(before);
  });
});

describe('the regulation in force (QUY_DINH_2025) at its edges, with 11 members', () => {
  it('80 % of all members: 9 attending are enough and 8 in favour recognise; 8 attending decide nothing', async () => {
    const [a, b] = await underReview(2);
    const nine = await sessionUpToClose({ candidateIds: [a!], present: range(9), choices: () => times(8, 'IN_FAVOUR') });
    expect(nine.detail.ruleSet).toMatchObject({ code: 'QUY_DINH_2025', version: 1 });
    expect(nine.detail.items[0]).toMatchObject({ outcome: 'RECOGNISE', figures: { base: 11, needed: 8, inFavour: 8, against: 0, tieBrokenByChair: false } });
    expect(ok(await confirm(nine.sessionId, nine.itemIds[0]!, 'RECOGNISE'))).toMatchObject({ state: 'publicNotice' });

    const eight = await sessionUpToClose({ candidateIds: [b!], present: range(8), choices: () => times(8, 'IN_FAVOUR') });
    expect(eight.detail.items[0]).toMatchObject({ outcome: 'NO_DECISION', status: 'NO_DECISION' });
    expect(eight.detail.items[0]!.findings!.map((f) => f.code)).toEqual(['AWARD_ATTENDANCE_NOT_MET']);
    expect(eight.detail.items[0]!.findings![0]!.vi).toContain('8/11, cần 9');
  });

  it('a written opinion with its signed form makes up the attendance and counts as a vote', async () => {
    const [a] = await underReview(1);
    const run = await sessionUpToClose({ candidateIds: [a!], present: range(8), written: [8], choices: () => times(7, 'IN_FAVOUR'), writtenChoice: 'IN_FAVOUR' });
    expect(run.detail.members.filter((m) => m.attendance === 'WRITTEN_OPINION').map((m) => m.accountId)).toEqual([council.memberIds[8]]);
    expect(run.detail.writtenOpinions).toEqual([expect.objectContaining({ accountId: council.memberIds[8], sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    // 7 in person + 1 written = 8 of 11: recognised (7 alone would not be).
    expect(run.detail.items[0]).toMatchObject({ outcome: 'RECOGNISE', figures: { base: 11, needed: 8, inFavour: 8 } });
    const opinionId = (await secretary().get(`/api/review-sessions/${run.sessionId}`)).body.writtenOpinions[0].id as string;
    const form = await secretary().get(`/api/review-sessions/${run.sessionId}/written-opinions/${opinionId}`);
    expect(form.status).toBe(200);
    expect(form.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(run.detail.writtenOpinions[0]!.sha256, 'hex').toString('base64')}:`);
  });

  it('refuses a written opinion for a member not recorded as giving one, and a member voting in person who gave one', async () => {
    const [a] = await underReview(1);
    await sessionUpToClose({
      candidateIds: [a!],
      present: range(9),
      written: [9],
      choices: () => times(9, 'IN_FAVOUR'),
      beforeClose: async (sessionId, [itemId]) => {
        const notWritten = await secretary()
          .post(`/api/review-sessions/${sessionId}/written-opinions`)
          .field('memberId', council.memberIds[10]!)
          .field('choices', JSON.stringify({ [itemId!]: 'IN_FAVOUR' }))
          .attach('file', pdfBytes(), { filename: 'phieu.pdf', contentType: 'application/pdf' });
        expect(notWritten.status).toBe(422);
        expect(notWritten.body).toMatchObject({ code: 'NOT_WRITTEN_OPINION_MEMBER', field: 'memberId' });
        const twice = await secretary()
          .post(`/api/review-sessions/${sessionId}/written-opinions`)
          .field('memberId', council.memberIds[9]!)
          .field('choices', JSON.stringify({ [itemId!]: 'AGAINST' }))
          .attach('file', pdfBytes(), { filename: 'phieu.pdf', contentType: 'application/pdf' });
        expect(twice).toMatchObject({ status: 409, body: { code: 'WRITTEN_OPINION_ALREADY_RECORDED' } });
        const badChoices = await secretary()
          .post(`/api/review-sessions/${sessionId}/written-opinions`)
          .field('memberId', council.memberIds[9]!)
          .field('choices', '{"x": 1}')
          .attach('file', pdfBytes(), { filename: 'phieu.pdf', contentType: 'application/pdf' });
        expect(badChoices).toMatchObject({ status: 422, body: { code: 'WRITTEN_OPINION_CHOICES_INVALID', field: 'choices' } });
        const inPerson = await council.members[9]!.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'IN_FAVOUR' });
        expect(inPerson).toMatchObject({ status: 409, body: { code: 'VOTE_BY_WRITTEN_OPINION' } });
        const absent = await council.members[10]!.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'IN_FAVOUR' });
        expect(absent).toMatchObject({ status: 409, body: { code: 'MEMBER_ABSENT' } });
      },
    });
  });

  it('a recused member counts as not in favour: 7 of the 10 others in favour return the candidate (8 needed of 11)', async () => {
    const unit = await newUnit(t, { name: 'Xã Xung Đột' });
    const recusedClient = await t.newAccount('uv-xung-dot', 'COUNCIL_MEMBER', unit.id);
    const [row] = (await t.dataSource.query("SELECT id FROM account WHERE username = 'uv-xung-dot'")) as { id: string }[];
    const memberIds = [...council.memberIds.slice(0, 10), row!.id];
    const clients = [...council.members.slice(0, 10), recusedClient];
    const [a] = await underReview(1, { unitId: unit.id });
    const run = await sessionUpToClose({ candidateIds: [a!], memberIds, clients, present: range(11), choices: () => [...times(7, 'IN_FAVOUR'), 'AGAINST', 'AGAINST', 'ABSTAIN'] });
    const item = run.detail.items[0]!;
    expect(item.conflicts).toEqual([row!.id]);
    expect(item).toMatchObject({ outcome: 'RETURN_TO_NURTURING', figures: { base: 11, needed: 8, inFavour: 7, against: 2 } });
    // The machine's guard agrees: recognising is refused, returning accepted.
    expect(await confirm(run.sessionId, item.id, 'RECOGNISE')).toMatchObject({ status: 422 });
    expect(ok(await confirm(run.sessionId, item.id, 'RETURN_TO_NURTURING'))).toMatchObject({ state: 'returned' });
    // The minutes name the recused member beside the candidate, the rule set and the figures.
    ok(await secretary().post(`/api/review-sessions/${run.sessionId}/finalise`));
    const pdf = await secretary().get(`/api/review-sessions/${run.sessionId}/minutes.pdf`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain('Theo quy định thi đua, khen thưởng của tỉnh (2025) (mã QUY_DINH_2025, phiên bản 1)');
    expect(text).toContain('Cơ sở tính: 11; cần 8 phiếu tán thành');
    expect(text).toMatch(/Không biểu quyết \(xung đột lợi ích\): uv-xung-dot/);
    expect(text).toContain('được tính là không tán thành');
  });
});

describe("the chair's casting vote, pinning, and the quota", () => {
  it('a tie broken by the chair under a majority-of-votes rule set (published by an administrator)', async () => {
    const published = await t
      .as(ADMIN)
      .post('/api/council-rule-sets')
      .send({
        code: 'DA_SO_CO_CHU_TICH',
        name: { vi: 'Đa số phiếu, Chủ tịch quyết định khi ngang phiếu', en: 'Majority of votes, the chair breaks ties' },
        source: { vi: 'Thử nghiệm', en: 'Test' },
        rules: {
          ...REGULATION_2025_PRESET.ruleSet,
          awardSessionAttendance: null,
          recognition: { fraction: { numerator: 1, denominator: 2 }, of: 'VOTES_CAST', strict: true },
          rejection: { fraction: { numerator: 1, denominator: 2 }, of: 'VOTES_CAST', strict: true },
        },
      });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ code: 'DA_SO_CO_CHU_TICH', version: 1, inForce: true });
    // Who published it, by name with role and unit (the screen shows this, never the login); the list says the same.
    expect(published.body.people).toEqual({ [ADMIN]: { name: { vi: ADMIN, en: ADMIN }, title: expect.objectContaining({ vi: expect.stringMatching(/^Quản trị hệ thống/) }) } });
    const listed = (await t.as(ADMIN).get('/api/council-rule-sets')).body as { code: string; people: object }[];
    expect(listed.find((r) => r.code === 'DA_SO_CO_CHU_TICH')!.people).toEqual(published.body.people);
    const [a] = await underReview(1);
    const run = await sessionUpToClose({ candidateIds: [a!], ruleSetCode: 'DA_SO_CO_CHU_TICH', present: range(8), choices: () => [...times(4, 'IN_FAVOUR'), ...times(4, 'AGAINST')] });
    const itemId = run.itemIds[0]!;
    expect(run.detail.items[0]).toMatchObject({ outcome: 'RETURN_TO_NURTURING', figures: { base: 8, needed: 5, inFavour: 4, against: 4, tieBrokenByChair: false } });
    const cast = await secretary().post(`/api/review-sessions/${run.sessionId}/items/${itemId}/casting-vote`).send({ choice: 'FOR' });
    expect(cast.status).toBe(201);
    const item = (cast.body as Detail).items[0]!;
    expect(item).toMatchObject({ outcome: 'RECOGNISE', castingVote: 'FOR', figures: { tieBrokenByChair: true } });
    expect(item.findings!.map((f) => f.code)).toEqual(['TIE_BROKEN_BY_CHAIR', 'THRESHOLD_MET']);
    expect((await secretary().post(`/api/review-sessions/${run.sessionId}/items/${itemId}/casting-vote`).send({ choice: 'AGAINST' })).body).toMatchObject({ code: 'CASTING_VOTE_ALREADY_RECORDED' });
    expect(ok(await confirm(run.sessionId, itemId, 'RECOGNISE'))).toMatchObject({ state: 'publicNotice' });
  });

  it('no casting vote without a tie, or under a rule set without one', async () => {
    const [a] = await underReview(1);
    const run = await sessionUpToClose({ candidateIds: [a!], ruleSetCode: 'THUC_TIEN_2014_2023', present: range(8), choices: () => [...times(4, 'IN_FAVOUR'), ...times(4, 'AGAINST')] });
    expect((await secretary().post(`/api/review-sessions/${run.sessionId}/items/${run.itemIds[0]}/casting-vote`).send({ choice: 'FOR' })).body).toMatchObject({ code: 'CASTING_VOTE_NOT_IN_RULES' });
  });

  it('pinning: a version published after the session opened does not change how it is judged', async () => {
    const [a] = await underReview(1);
    const run = await sessionUpToClose({
      candidateIds: [a!],
      ruleSetCode: 'QUY_DINH_2025',
      present: range(9),
      choices: () => times(8, 'IN_FAVOUR'),
      beforeClose: async () => {
        const v2 = await t
          .as(ADMIN)
          .post('/api/council-rule-sets')
          .send({
            code: 'QUY_DINH_2025',
            name: { vi: 'Quy định (thử 90%)', en: 'Regulation (test 90%)' },
            source: { vi: 'Thử', en: 'Test' },
            rules: { ...REGULATION_2025_PRESET.ruleSet, recognition: { fraction: { numerator: 9, denominator: 10 }, of: 'ALL_MEMBERS', strict: false } },
          });
        expect(v2.body).toMatchObject({ code: 'QUY_DINH_2025', version: 2, rules: { version: 2 } });
      },
    });
    expect(run.detail.ruleSet).toMatchObject({ code: 'QUY_DINH_2025', version: 1, rules: { recognition: { fraction: { numerator: 7, denominator: 10 } } } });
    expect(run.detail.items[0]).toMatchObject({ outcome: 'RECOGNISE', figures: { needed: 8 } });
    // A session opening now pins version 2 (published last).
    const later = ok(await secretary().post('/api/review-sessions').send({ title: 'Sau', year: 2025, chairName: 'Chủ tịch', ballot: 'OPEN', memberIds: council.memberIds }), 201);
    expect((await detail(later.id as string)).ruleSet).toMatchObject({ code: 'QUY_DINH_2025', version: 2 });
  });

  it('quota with preference among equals: of two candidates with the same votes, the woman is recognised, the other returned', async () => {
    const published = await t
      .as(ADMIN)
      .post('/api/council-rule-sets')
      .send({ code: 'HAN_MUC_1', name: { vi: 'Hạn mức một', en: 'Quota of one' }, source: { vi: 'Thử', en: 'Test' }, rules: { ...REGULATION_2025_PRESET.ruleSet, quota: 1 } });
    expect(published.status).toBe(201);
    const [man] = await underReview(1, { kind: 'INDIVIDUAL', name: 'Trần Văn Nam' });
    const unit = await newUnit(t);
    const badShare = await t
      .as(UNIT_HEAD)
      .post('/api/candidates')
      .send({ kind: 'COLLECTIVE', name: 'Tổ nữ', unitId: unit.id, field: 'ECONOMY', year: 2025, discoveryChannel: 'REVIEW_CONFERENCE', achievement: 'x', womenSharePercent: 101 });
    expect(badShare).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ field: 'womenSharePercent' }] } });
    const womanId = (await newCandidate(t, { kind: 'INDIVIDUAL', name: 'Lê Thị Hoa', unitId: unit.id, womenSharePercent: 100, state: 'underReview' })).id;
    // The man joined the session first: without the preference he would rank first.
    const run = await sessionUpToClose({ candidateIds: [man!, womanId], ruleSetCode: 'HAN_MUC_1', present: range(11), choices: () => times(9, 'IN_FAVOUR') });
    const byCandidate = (id: string) => run.detail.items.find((i) => i.candidate.id === id)!;
    expect(byCandidate(womanId)).toMatchObject({ outcome: 'RECOGNISE', figures: { inFavour: 9 } });
    expect(byCandidate(womanId).findings!.map((f) => f.code)).toContain('QUOTA_PREFERENCE_APPLIED');
    expect(byCandidate(man!)).toMatchObject({ outcome: 'RETURN_TO_NURTURING', figures: { inFavour: 9 } });
    expect(byCandidate(man!).findings!.at(-1)).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    // The statechart recomputes the quota from the verdict: the man cannot be recognised.
    expect((await confirm(run.sessionId, byCandidate(man!).id, 'RECOGNISE')).status).toBe(422);
    expect(ok(await confirm(run.sessionId, byCandidate(man!).id, 'RETURN_TO_NURTURING'))).toMatchObject({ state: 'returned' });
    expect(ok(await confirm(run.sessionId, byCandidate(womanId).id, 'RECOGNISE'))).toMatchObject({ state: 'publicNotice' });
  });
});
