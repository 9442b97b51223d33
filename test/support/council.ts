/**
 * Test data for the summarise stage, built through the API: a council whose members sit outside the test province
 * (so no candidate of the province conflicts with them), and a whole review session that takes candidates under
 * review to the outcome asked for — the only way a candidate can be recognised, returned or rejected.
 */
import { expect, jest } from '@jest/globals';
import { Clock } from '../../apps/api/src/common/clock.js';
import type { ActorClient, TestApp } from './app.js';
import { ADMIN, SECRETARY } from './factories.js';
import { issueDecision, revokeDecision } from './decisions.js';

export interface Council {
  unitId: string;
  members: ActorClient[];
  memberIds: string[];
}

const councils = new WeakMap<TestApp, Council>();
let councilCount = 0;

/** Three council members in a unit tree of their own, created once per test app. */
export async function councilOf(t: TestApp, size = 3): Promise<Council> {
  const known = councils.get(t);
  if (known && known.members.length >= size) return known;
  const unit = await t.as(ADMIN).post('/api/units').send({ name: `Hội đồng thử nghiệm ${++councilCount}`, level: 'PROVINCE', sector: 'STATE' });
  expect(unit.status).toBe(201);
  const members: ActorClient[] = [];
  const memberIds: string[] = [];
  for (let i = 0; i < size; i++) {
    const username = `hd${councilCount}-uyvien${i + 1}`;
    members.push(await t.newAccount(username, 'COUNCIL_MEMBER', unit.body.id));
    const [row] = (await t.dataSource.query('SELECT id FROM account WHERE username = $1', [username])) as { id: string }[];
    memberIds.push(row!.id);
  }
  const council = { unitId: unit.body.id as string, members, memberIds };
  councils.set(t, council);
  return council;
}

export type CouncilOutcome = 'RECOGNISE' | 'RETURN_TO_NURTURING' | 'REJECT';

const CHOICES: Record<CouncilOutcome, string[]> = {
  RECOGNISE: ['IN_FAVOUR', 'IN_FAVOUR', 'IN_FAVOUR'],
  RETURN_TO_NURTURING: ['IN_FAVOUR', 'ABSTAIN', 'ABSTAIN'],
  REJECT: ['AGAINST', 'AGAINST', 'AGAINST'],
};

/** Every criterion of the item's set marked met (or the listed ones not met), with a comment. */
export function fullChecklist(criteria: { code: string }[], notMet: Record<string, string> = {}) {
  return { marks: criteria.map((c) => ({ criterionCode: c.code, met: !notMet[c.code], comment: notMet[c.code] ?? 'Đạt, có minh chứng.' })) };
}

/** Moves "today" forward for the app's clock while `work` runs (the notice period is counted in working days). */
export async function later<T>(t: TestApp, days: number, work: () => Promise<T>): Promise<T> {
  const clock = t.running.app.get(Clock);
  const real = clock.now.bind(clock);
  const spy = jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + days * 86_400_000));
  try {
    return await work();
  } finally {
    spy.mockRestore();
  }
}

/**
 * Runs one review session over candidates under review, ending in the outcome asked for; RECOGNISE goes through
 * the public notice and the final decision unless `final: false` (the candidates then stay on public notice).
 */
export async function decideThroughCouncil(t: TestApp, candidateIds: string[], outcome: CouncilOutcome, options: { final?: boolean; ballot?: 'OPEN' | 'SECRET'; shortcomings?: string[] } = {}) {
  const council = await councilOf(t);
  const secretary = t.as(SECRETARY);
  const ok = (res: { status: number; body: unknown }, status = 200) => {
    expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ status, body: undefined });
    return res.body as Record<string, unknown>;
  };
  const session = ok(
    await secretary.post('/api/review-sessions').send({ title: 'Tổng kết năm 2025', year: 2025, chairName: 'Chủ tịch Hội đồng', ballot: options.ballot ?? 'OPEN', memberIds: council.memberIds }),
    201,
  );
  const sessionId = session.id as string;
  const itemIds: string[] = [];
  for (const candidateId of candidateIds) itemIds.push(ok(await secretary.post(`/api/review-sessions/${sessionId}/items`).send({ candidateId }), 201).itemId as string);
  ok(await secretary.post(`/api/review-sessions/${sessionId}/assignments/automatic`).send({ perCandidate: 1 }));
  const detail = ok(await secretary.get(`/api/review-sessions/${sessionId}`)) as { items: { id: string; reviewers: string[]; criteria: { code: string }[] }[] };
  for (const item of detail.items) {
    for (const reviewerId of item.reviewers) {
      const reviewer = council.members[council.memberIds.indexOf(reviewerId)]!;
      const notMet = outcome === 'RECOGNISE' ? {} : { [item.criteria[0]!.code]: 'Chưa có số liệu đánh giá hiệu quả' };
      ok(await reviewer.post(`/api/review-sessions/${sessionId}/items/${item.id}/checklists`).send(fullChecklist(item.criteria, notMet)), 201);
    }
  }
  ok(await secretary.post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: council.memberIds }));
  for (const itemId of itemIds) {
    for (const [i, member] of council.members.slice(0, 3).entries()) {
      ok(await member.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: CHOICES[outcome][i] }), 201);
    }
  }
  ok(await secretary.post(`/api/review-sessions/${sessionId}/voting/close`));
  for (const itemId of itemIds) {
    ok(await secretary.post(`/api/review-sessions/${sessionId}/items/${itemId}/decision`).send({ outcome, ...(outcome === 'REJECT' ? { reasons: 'Chưa đạt tiêu chí' } : {}), ...(options.shortcomings ? { shortcomings: options.shortcomings } : {}) }));
  }
  if (outcome === 'RECOGNISE') {
    ok(await secretary.post(`/api/review-sessions/${sessionId}/notice`).send({ channels: 'Cổng thông tin điện tử tỉnh' }), 201);
    if (options.final !== false) await later(t, 30, async () => ok(await secretary.post(`/api/review-sessions/${sessionId}/finalise`)));
  } else {
    ok(await secretary.post(`/api/review-sessions/${sessionId}/finalise`));
  }
  return { sessionId, itemIds };
}

/**
 * Revokes a recognised candidate's recognition: the decision of the session that recognised it is issued (once),
 * then a revocation decision naming the candidate — both as of after the session closed.
 */
export async function revokeByDecision(t: TestApp, candidateId: string) {
  const signer = { authorityCode: 'UBND_TINH', signerTitle: 'CHỦ TỊCH', signerName: 'Chủ tịch UBND tỉnh' };
  const [row] = (await t.dataSource.query(`SELECT session_id AS "sessionId" FROM review_item WHERE candidate_id = $1 AND outcome = 'RECOGNISE' ORDER BY added_at DESC LIMIT 1`, [candidateId])) as {
    sessionId: string;
  }[];
  await later(t, 31, async () => {
    const issued = await issueDecision(t, { ...signer, sessionId: row!.sessionId });
    expect(issued.status).toBe(201);
    const revoked = await revokeDecision(t, issued.body.id, { ...signer, grounds: ['FRAUDULENT_DECLARATION'], reasons: 'Thành tích không trung thực', candidateIds: [candidateId] });
    expect(revoked.status).toBe(201);
  });
}
