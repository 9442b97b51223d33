/**
 * Councils at every level through the API: a commune's council set up beside the province's, compositions with
 * positions that tie accounts to the council they serve, sessions of a council seating its composition (the chair
 * from it), candidates reviewed by the council of their level, what a commune's council sees and does not see, an
 * upward proposal (liên thông) from a commune recognition to the province council and its recognition there, and
 * the statistics cut by the level of recognition.
 */
import { pdfText } from './support/pdf-text.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type ActorClient, type TestApp } from './support/app.js';
import { fullChecklist, later } from './support/council.js';
import { ADMIN, AUDITOR, SECRETARY, UNIT_HEAD, newCandidate, newUnit } from './support/factories.js';

let t: TestApp;

interface Seat {
  client: ActorClient;
  id: string;
}

/** A council as the test drives it: its id, its secretariat and its members (the first is the chair). */
interface TestCouncil {
  id: string;
  secretary: ActorClient;
  members: Seat[];
}

async function accountId(username: string): Promise<string> {
  const [row] = (await t.dataSource.query('SELECT id FROM account WHERE username = $1', [username])) as { id: string }[];
  return row!.id;
}

async function seat(username: string, role: 'COUNCIL_MEMBER' | 'COUNCIL_SECRETARY', unitId: string): Promise<Seat> {
  const client = await t.newAccount(username, role, unitId);
  return { client, id: await accountId(username) };
}

const ok = (res: { status: number; body: unknown }, status = 200) => {
  expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ status, body: undefined });
  return res.body as Record<string, unknown>;
};

/** Publishes a composition: chair, member-secretary, then plain members, and the secretariat. */
async function compose(councilId: string, members: Seat[], secretariat: Seat[]) {
  const positions = ['CHAIR', 'MEMBER_SECRETARY'];
  return t
    .as(ADMIN)
    .post(`/api/councils/${councilId}/compositions`)
    .send({
      members: members.map((m, i) => ({ accountId: m.id, position: positions[i] ?? 'MEMBER' })),
      secretariat: secretariat.map((s) => s.id),
      note: 'Quyết định kiện toàn Hội đồng Thi đua – Khen thưởng',
    });
}

/** One whole session of a council recognising the candidates: checklists, every member in favour, notice, final. */
async function recogniseThrough(council: TestCouncil, candidateIds: string[], title: string) {
  const s = council.secretary;
  const session = ok(await s.post('/api/review-sessions').send({ title, year: 2025, ballot: 'OPEN' }), 201);
  const sessionId = session.id as string;
  const itemIds: string[] = [];
  for (const candidateId of candidateIds) itemIds.push(ok(await s.post(`/api/review-sessions/${sessionId}/items`).send({ candidateId }), 201).itemId as string);
  ok(await s.post(`/api/review-sessions/${sessionId}/assignments/automatic`).send({ perCandidate: 1 }));
  const detail = ok(await s.get(`/api/review-sessions/${sessionId}`)) as { items: { id: string; reviewers: string[]; criteria: { code: string }[] }[] };
  for (const item of detail.items) {
    for (const reviewerId of item.reviewers) {
      const reviewer = council.members.find((m) => m.id === reviewerId)!;
      ok(await reviewer.client.post(`/api/review-sessions/${sessionId}/items/${item.id}/checklists`).send(fullChecklist(item.criteria)), 201);
    }
  }
  ok(await s.post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: council.members.map((m) => m.id) }));
  for (const itemId of itemIds) {
    for (const member of council.members) ok(await member.client.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'IN_FAVOUR' }), 201);
  }
  ok(await s.post(`/api/review-sessions/${sessionId}/voting/close`));
  for (const itemId of itemIds) ok(await s.post(`/api/review-sessions/${sessionId}/items/${itemId}/decision`).send({ outcome: 'RECOGNISE' }));
  ok(await s.post(`/api/review-sessions/${sessionId}/notice`).send({ channels: 'Trang thông tin điện tử của xã' }), 201);
  await later(t, 30, async () => ok(await s.post(`/api/review-sessions/${sessionId}/finalise`)));
  return sessionId;
}

let province: TestCouncil;
let communeA: TestCouncil;
let communeB: TestCouncil;
let communeAUnit: string;
let cooperativeA: string;
let cooperativeB: string;

beforeAll(async () => {
  t = await startTestApp();
  // The members of each council sit in a unit of their own, so no candidate below is of their unit (no conflict).
  const department = (await newUnit(t, { name: 'Sở Tài chính', level: 'DEPARTMENT', sector: 'STATE' })).id;
  communeAUnit = (await newUnit(t, { name: 'Xã Tân Yên', level: 'GRASSROOTS', sector: 'LOCALITY' })).id;
  const communeBUnit = (await newUnit(t, { name: 'Xã Lạng Sơn', level: 'GRASSROOTS', sector: 'LOCALITY' })).id;
  cooperativeA = (await newUnit(t, { name: 'Hợp tác xã Tân Yên', parentId: communeAUnit })).id;
  cooperativeB = (await newUnit(t, { name: 'Hợp tác xã Lạng Sơn', parentId: communeBUnit })).id;
  const officeA = (await newUnit(t, { name: 'Văn phòng xã Tân Yên', parentId: communeAUnit })).id;
  const officeB = (await newUnit(t, { name: 'Văn phòng xã Lạng Sơn', parentId: communeBUnit })).id;

  const councils = ok(await t.as(ADMIN).get('/api/councils')) as unknown as { id: string; unit: { id: string } }[];
  const provinceCouncil = councils.find((c) => c.unit.id === t.provinceId)!;
  province = {
    id: provinceCouncil.id,
    secretary: t.as(SECRETARY),
    members: [await seat('ct-tinh', 'COUNCIL_MEMBER', department), await seat('tk-tinh', 'COUNCIL_MEMBER', department), await seat('uv-tinh', 'COUNCIL_MEMBER', department)],
  };
  ok(await compose(province.id, province.members, [{ client: t.as(SECRETARY), id: await accountId(SECRETARY) }]), 201);

  const setUp = async (unitId: string, prefix: string, office: string): Promise<TestCouncil> => {
    const council = ok(await t.as(ADMIN).post('/api/councils').send({ unitId }), 201);
    const members = [await seat(`ct-${prefix}`, 'COUNCIL_MEMBER', office), await seat(`tk-${prefix}`, 'COUNCIL_MEMBER', office), await seat(`uv-${prefix}`, 'COUNCIL_MEMBER', office)];
    const secretary = await seat(`tt-${prefix}`, 'COUNCIL_SECRETARY', unitId);
    ok(await compose(council.id as string, members, [secretary]), 201);
    return { id: council.id as string, secretary: secretary.client, members };
  };
  communeA = await setUp(communeAUnit, 'xa-a', officeA);
  communeB = await setUp(communeBUnit, 'xa-b', officeB);
  // Fourteen accounts are created and signed in (Argon2 both ways): more than the default hook time on a busy machine.
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('councils and their compositions', () => {
  it('the province has its council from the start; a commune’s is set up once, named after it, under the province', async () => {
    const list = ok(await t.as(UNIT_HEAD).get('/api/councils')) as unknown as { id: string; name: string; unit: { id: string; level: string }; parentCouncilId: string | null }[];
    expect(list.find((c) => c.id === province.id)).toMatchObject({ unit: { id: t.provinceId, level: 'PROVINCE' }, parentCouncilId: null });
    expect(list.find((c) => c.id === communeA.id)).toMatchObject({ name: 'Hội đồng Thi đua – Khen thưởng Xã Tân Yên', parentCouncilId: province.id });
    const again = await t.as(ADMIN).post('/api/councils').send({ unitId: communeAUnit });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('COUNCIL_EXISTS');
  });

  it('lists the composition in force with positions (chair first) and keeps every version', async () => {
    const detail = ok(await t.as(AUDITOR).get(`/api/councils/${communeA.id}`)) as {
      composition: { version: number; members: { displayName: string; position: string; positionLabel: { vi: string } }[]; secretariat: { displayName: string }[] };
      history: { version: number }[];
    };
    expect(detail.composition.members.map((m) => [m.displayName, m.position, m.positionLabel.vi])).toEqual([
      ['ct-xa-a', 'CHAIR', 'Chủ tịch Hội đồng'],
      ['tk-xa-a', 'MEMBER_SECRETARY', 'Ủy viên thư ký'],
      ['uv-xa-a', 'MEMBER', 'Ủy viên'],
    ]);
    expect(detail.composition.secretariat.map((s) => s.displayName)).toEqual(['tt-xa-a']);
    expect(detail.history.map((h) => h.version)).toEqual([1]);
    // The accounts the composition lists now serve the commune's council.
    expect(ok(await communeA.members[2]!.client.get('/api/councils/mine'))).toMatchObject({ id: communeA.id });
    expect(ok(await communeA.secretary.get('/api/councils/mine'))).toMatchObject({ id: communeA.id });
    expect(ok(await province.members[0]!.client.get('/api/councils/mine'))).toMatchObject({ id: province.id });
  });

  it('refuses a second chair, an account of the wrong role, and a member of another council, naming the field', async () => {
    const twoChairs = await t.as(ADMIN).post(`/api/councils/${communeA.id}/compositions`).send({
      members: communeA.members.map((m) => ({ accountId: m.id, position: 'CHAIR' })),
      secretariat: [],
    });
    expect(twoChairs.status).toBe(422);
    expect(twoChairs.body.code).toBe('COMPOSITION_POSITION_REPEATED');
    const unitHead = await t.as(ADMIN).post(`/api/councils/${communeA.id}/compositions`).send({ members: [{ accountId: await accountId(UNIT_HEAD), position: 'MEMBER' }], secretariat: [] });
    expect(unitHead.status).toBe(422);
    expect(unitHead.body).toMatchObject({ code: 'COMPOSITION_SEAT_INVALID', field: 'members[0].accountId' });
    const elsewhere = await t.as(ADMIN).post(`/api/councils/${communeA.id}/compositions`).send({ members: [{ accountId: communeB.members[0]!.id, position: 'MEMBER' }], secretariat: [] });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.code).toBe('COMPOSITION_SEATED_ELSEWHERE');
    const badPosition = await t.as(ADMIN).post(`/api/councils/${communeA.id}/compositions`).send({ members: [{ accountId: communeA.members[0]!.id, position: 'PRESIDENT' }], secretariat: [] });
    expect(badPosition.status).toBe(400);
    // Nothing was written by the refusals.
    expect((ok(await t.as(ADMIN).get(`/api/councils/${communeA.id}`)) as { history: unknown[] }).history).toHaveLength(1);
  });

  it('only administrators set up councils and publish compositions', async () => {
    expect((await t.as(SECRETARY).post('/api/councils').send({ unitId: cooperativeA })).status).toBe(403);
    expect((await communeA.secretary.post(`/api/councils/${communeA.id}/compositions`).send({ members: [], secretariat: [] })).status).toBe(403);
  });
});

describe('a commune council recognises, proposes upward, and the province council recognises', () => {
  let lowerA: string;
  let lowerB: string;
  let provinceCandidate: string;
  let provinceSession: string;
  let communeSession: string;
  let upper: { proposalId: string; upperCandidateId: string; toCouncilId: string };

  it('a session of the commune council seats its composition with positions and takes the chair from it', async () => {
    lowerA = (await newCandidate(t, { unitId: cooperativeA, name: 'Hợp tác xã Tân Yên', state: 'underReview' })).id;
    lowerB = (await newCandidate(t, { unitId: cooperativeB, name: 'Hợp tác xã Lạng Sơn', state: 'underReview' })).id;
    provinceCandidate = (await newCandidate(t, { name: 'Công ty Môi trường đô thị', state: 'underReview' })).id;
    const opened = ok(await communeA.secretary.post('/api/review-sessions').send({ title: 'Tổng kết xã Tân Yên 2025', year: 2025, ballot: 'OPEN' }), 201);
    communeSession = opened.id as string;
    const detail = ok(await communeA.secretary.get(`/api/review-sessions/${communeSession}`)) as {
      council: { id: string; name: string };
      chairName: string;
      members: { accountId: string; position: string; positionLabel: { vi: string } }[];
    };
    expect(detail.council).toMatchObject({ id: communeA.id, name: 'Hội đồng Thi đua – Khen thưởng Xã Tân Yên' });
    expect(detail.chairName).toBe('ct-xa-a');
    expect(Object.fromEntries(detail.members.map((m) => [m.accountId, m.position]))).toEqual({
      [communeA.members[0]!.id]: 'CHAIR',
      [communeA.members[1]!.id]: 'MEMBER_SECRETARY',
      [communeA.members[2]!.id]: 'MEMBER',
    });
  });

  it('a candidate is reviewed by the council of its level: the province session refuses the commune’s candidate and the reverse', async () => {
    provinceSession = ok(await province.secretary.post('/api/review-sessions').send({ title: 'Tổng kết tỉnh 2025', year: 2025, ballot: 'OPEN' }), 201).id as string;
    const wrong = await province.secretary.post(`/api/review-sessions/${provinceSession}/items`).send({ candidateId: lowerA });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'CANDIDATE_OF_ANOTHER_COUNCIL', field: 'candidateId', councilId: communeA.id });
    const reverse = await communeA.secretary.post(`/api/review-sessions/${communeSession}/items`).send({ candidateId: provinceCandidate });
    expect(reverse.status).toBe(422);
    // A secretariat opens sessions of its own council only.
    const other = await province.secretary.post('/api/review-sessions').send({ title: 'Phiên của xã', year: 2025, ballot: 'OPEN', councilId: communeA.id });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('COUNCIL_NOT_SERVED');
  });

  it('scoping: a commune council member and secretariat see their council’s sessions, not the province’s', async () => {
    for (const reader of [communeA.members[2]!.client, communeA.secretary]) {
      const ids = (ok(await reader.get('/api/review-sessions')) as unknown as { id: string }[]).map((s) => s.id);
      expect(ids).toContain(communeSession);
      expect(ids).not.toContain(provinceSession);
      const hidden = await reader.get(`/api/review-sessions/${provinceSession}`);
      expect(hidden.status).toBe(404);
    }
    const provinceIds = (ok(await province.members[0]!.client.get('/api/review-sessions')) as unknown as { id: string }[]).map((s) => s.id);
    expect(provinceIds).toContain(provinceSession);
    expect(provinceIds).not.toContain(communeSession);
    // The auditor sees every council's.
    const all = (ok(await t.as(AUDITOR).get('/api/review-sessions')) as unknown as { id: string; council: { id: string } }[]).filter((s) => [communeSession, provinceSession].includes(s.id));
    expect(all.map((s) => s.council.id).sort()).toEqual([communeA.id, province.id].sort());
  });

  it('scoping of writes: a commune’s secretariat changes nothing in the province’s session, nor asks its clearances', async () => {
    const assign = await communeA.secretary.post(`/api/review-sessions/${provinceSession}/assignments/automatic`).send({ perCandidate: 1 });
    expect(assign.status).toBe(403);
    expect(assign.body).toMatchObject({ code: 'SESSION_OF_ANOTHER_COUNCIL', message: expect.stringContaining('Hội đồng khác') });
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE stream = $1`, [`review-session:${provinceSession}`]))[0].n;
    const opened = await communeA.secretary.post(`/api/review-sessions/${provinceSession}/voting/open`).send({ presentMemberIds: [] });
    expect(opened.status).toBe(403);
    const clearance = await communeA.secretary.post(`/api/review-sessions/${provinceSession}/items/${provinceSession}/clearances`).send({ agencyCodes: ['CONG_AN_TINH'] });
    expect(clearance.status).toBe(403);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE stream = $1`, [`review-session:${provinceSession}`]))[0].n).toBe(before);
  });

  it('the commune councils recognise their exemplars', async () => {
    // The session opened above is still preparing: run it through.
    const s = communeA.secretary;
    ok(await s.post(`/api/review-sessions/${communeSession}/items`).send({ candidateId: lowerA }), 201);
    ok(await s.post(`/api/review-sessions/${communeSession}/assignments/automatic`).send({ perCandidate: 1 }));
    const detail = ok(await s.get(`/api/review-sessions/${communeSession}`)) as { items: { id: string; reviewers: string[]; criteria: { code: string }[] }[] };
    for (const item of detail.items) {
      for (const reviewerId of item.reviewers) {
        const reviewer = communeA.members.find((m) => m.id === reviewerId)!;
        ok(await reviewer.client.post(`/api/review-sessions/${communeSession}/items/${item.id}/checklists`).send(fullChecklist(item.criteria)), 201);
      }
    }
    ok(await s.post(`/api/review-sessions/${communeSession}/voting/open`).send({ presentMemberIds: communeA.members.map((m) => m.id) }));
    for (const member of communeA.members) ok(await member.client.post(`/api/review-sessions/${communeSession}/items/${detail.items[0]!.id}/votes`).send({ choice: 'IN_FAVOUR' }), 201);
    ok(await s.post(`/api/review-sessions/${communeSession}/voting/close`));
    ok(await s.post(`/api/review-sessions/${communeSession}/items/${detail.items[0]!.id}/decision`).send({ outcome: 'RECOGNISE' }));
    ok(await s.post(`/api/review-sessions/${communeSession}/notice`).send({ channels: 'Trang thông tin điện tử của xã' }), 201);
    await later(t, 30, async () => ok(await s.post(`/api/review-sessions/${communeSession}/finalise`)));
    // The minutes list each member with the position the composition gave them.
    const minutes = await s.get(`/api/review-sessions/${communeSession}/minutes.pdf`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(minutes.status).toBe(200);
    const text = (await pdfText(minutes.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain('Chủ tịch Hội đồng');
    expect(text).toContain('Ủy viên thư ký');
    await recogniseThrough(communeB, [lowerB], 'Tổng kết xã Lạng Sơn 2025');
    for (const id of [lowerA, lowerB]) expect((ok(await t.as(UNIT_HEAD).get(`/api/candidates/${id}`)) as { state: string }).state).toBe('recognised');
  });

  it('only a recognised exemplar can be proposed upward, by its unit head or its council’s secretariat', async () => {
    const notYet = await province.secretary.post(`/api/candidates/${provinceCandidate}/upward-proposals`).send({ reasons: 'Tiêu biểu' });
    expect(notYet.status).toBe(422);
    expect(notYet.body.code).toBe('UPWARD_NOT_RECOGNISED_HERE');
    const notTheirs = await communeB.secretary.post(`/api/candidates/${lowerA}/upward-proposals`).send({ reasons: 'Tiêu biểu' });
    expect(notTheirs.status).toBe(403);
    const member = await communeA.members[0]!.client.post(`/api/candidates/${lowerA}/upward-proposals`).send({ reasons: 'Tiêu biểu' });
    expect(member.status).toBe(403);
    const blank = await communeA.secretary.post(`/api/candidates/${lowerA}/upward-proposals`).send({ reasons: ' ' });
    expect(blank.status).toBe(400);
  });

  it('proposes the commune’s exemplar to the province council, carrying the commune session (its minutes)', async () => {
    upper = ok(await communeA.secretary.post(`/api/candidates/${lowerA}/upward-proposals`).send({ reasons: 'Mô hình tiêu biểu, có sức lan tỏa toàn tỉnh' }), 201) as typeof upper;
    expect(upper.toCouncilId).toBe(province.id);
    // The candidacy carried upward is not a repeat of the recognition it carries (one achievement, one recognition).
    const carried = await province.secretary.get(`/api/candidates/${upper.upperCandidateId}`);
    expect(carried.body.repeatRecognition.earlier).toEqual([]);
    // The province council's secretariat is told, with a link to the new candidacy.
    const told = await province.secretary.get('/api/notifications');
    expect(told.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'PROPOSAL_RECEIVED', link: `/ho-so/${upper.upperCandidateId}` })]));
    ok(await t.as(UNIT_HEAD).post(`/api/candidates/${lowerB}/upward-proposals`).send({ reasons: 'Điển hình của xã Lạng Sơn' }), 201);
    const again = await communeA.secretary.post(`/api/candidates/${lowerA}/upward-proposals`).send({ reasons: 'Lần nữa' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('UPWARD_ALREADY_PROPOSED');

    // The lower exemplar stays recognised, its history records the proposal; the new candidacy is under review at the province.
    const lower = ok(await t.as(UNIT_HEAD).get(`/api/candidates/${lowerA}`)) as { state: string };
    expect(lower.state).toBe('recognised');
    const history = ok(await t.as(AUDITOR).get(`/api/candidates/${lowerA}/history`)) as unknown as { eventType: string; payload: Record<string, unknown> }[] | { records: { eventType: string; payload: Record<string, unknown> }[] };
    const records = Array.isArray(history) ? history : history.records;
    expect(records.at(-1)).toMatchObject({ eventType: 'PROPOSE_UPWARD', payload: { toCouncilId: province.id, lowerSessionId: communeSession, proposalId: upper.proposalId } });
    const upperCandidate = ok(await t.as(UNIT_HEAD).get(`/api/candidates/${upper.upperCandidateId}`)) as { state: string; name: string };
    expect(upperCandidate).toMatchObject({ state: 'underReview', name: 'Hợp tác xã Tân Yên' });
    const upperHistory = ok(await t.as(AUDITOR).get(`/api/candidates/${upper.upperCandidateId}/history`)) as unknown as { eventType: string; payload: Record<string, unknown> }[] | { records: { eventType: string; payload: Record<string, unknown> }[] };
    const upperRecords = Array.isArray(upperHistory) ? upperHistory : upperHistory.records;
    expect(upperRecords.map((r) => r.eventType)).toEqual(['DISCOVER', 'ENTER_UPWARD_REVIEW']);
    expect(upperRecords[1]!.payload).toMatchObject({ lowerCandidateId: lowerA, lowerSessionId: communeSession });
  });

  it('the proposals flow: outgoing for the commune, incoming for the province; a commune does not see another commune’s', async () => {
    const seen = async (client: ActorClient) =>
      (ok(await client.get('/api/upward-proposals')) as unknown as { candidate: { id: string }; direction: string }[]).map((p) => `${p.candidate.id}:${p.direction}`).sort();
    expect(await seen(communeA.secretary)).toEqual([`${lowerA}:OUTGOING`]);
    expect(await seen(communeA.members[2]!.client)).toEqual([`${lowerA}:OUTGOING`]);
    expect(await seen(communeB.members[0]!.client)).toEqual([`${lowerB}:OUTGOING`]);
    expect(await seen(province.secretary)).toEqual([`${lowerA}:INCOMING`, `${lowerB}:INCOMING`].sort());
    expect(await seen(province.members[1]!.client)).toEqual([`${lowerA}:INCOMING`, `${lowerB}:INCOMING`].sort());
    expect(await seen(t.as(UNIT_HEAD))).toEqual([`${lowerA}:OUTGOING`, `${lowerB}:OUTGOING`].sort());
    expect(await seen(t.as(AUDITOR))).toEqual([`${lowerA}:OTHER`, `${lowerB}:OTHER`].sort());
    // A commune council member does not see the province's session that will review the proposals either.
    expect((await communeA.members[0]!.client.get(`/api/review-sessions/${provinceSession}`)).status).toBe(404);
  });

  it('the province council reviews the proposed candidacy and recognises it; it cannot go higher', async () => {
    const s = province.secretary;
    ok(await s.post(`/api/review-sessions/${provinceSession}/items`).send({ candidateId: upper.upperCandidateId }), 201);
    ok(await s.post(`/api/review-sessions/${provinceSession}/items`).send({ candidateId: provinceCandidate }), 201);
    ok(await s.post(`/api/review-sessions/${provinceSession}/assignments/automatic`).send({ perCandidate: 1 }));
    const detail = ok(await s.get(`/api/review-sessions/${provinceSession}`)) as { chairName: string; items: { id: string; reviewers: string[]; criteria: { code: string }[] }[] };
    expect(detail.chairName).toBe('ct-tinh');
    for (const item of detail.items) {
      for (const reviewerId of item.reviewers) {
        const reviewer = province.members.find((m) => m.id === reviewerId)!;
        ok(await reviewer.client.post(`/api/review-sessions/${provinceSession}/items/${item.id}/checklists`).send(fullChecklist(item.criteria)), 201);
      }
    }
    ok(await s.post(`/api/review-sessions/${provinceSession}/voting/open`).send({ presentMemberIds: province.members.map((m) => m.id) }));
    for (const item of detail.items) for (const member of province.members) ok(await member.client.post(`/api/review-sessions/${provinceSession}/items/${item.id}/votes`).send({ choice: 'IN_FAVOUR' }), 201);
    ok(await s.post(`/api/review-sessions/${provinceSession}/voting/close`));
    for (const item of detail.items) ok(await s.post(`/api/review-sessions/${provinceSession}/items/${item.id}/decision`).send({ outcome: 'RECOGNISE' }));
    ok(await s.post(`/api/review-sessions/${provinceSession}/notice`).send({ channels: 'Cổng thông tin điện tử tỉnh' }), 201);
    await later(t, 30, async () => ok(await s.post(`/api/review-sessions/${provinceSession}/finalise`)));
    expect((ok(await t.as(UNIT_HEAD).get(`/api/candidates/${upper.upperCandidateId}`)) as { state: string }).state).toBe('recognised');
    const proposals = ok(await s.get('/api/upward-proposals')) as unknown as { upperCandidate: { id: string; state: string } }[];
    expect(proposals.find((p) => p.upperCandidate.id === upper.upperCandidateId)?.upperCandidate.state).toBe('recognised');
    const higher = await later(t, 30, () => s.post(`/api/candidates/${upper.upperCandidateId}/upward-proposals`).send({ reasons: 'Đề nghị Trung ương' }));
    expect(higher.status).toBe(422);
    expect(higher.body.code).toBe('UPWARD_NO_PARENT_COUNCIL');
  });

  it('statistics are cut by the level of recognition: two at the grassroots, two at the province', async () => {
    const byLevel = ok(await t.as(AUDITOR).get('/api/statistics/recognitions-by-level?year=2025')) as { rows: { level: string; collective: number; total: number; levelLabel: { vi: string } }[] };
    expect(byLevel.rows.map((r) => [r.level, r.collective, r.total])).toEqual([
      ['PROVINCE', 2, 2],
      ['GRASSROOTS', 2, 2],
    ]);
    expect(byLevel.rows[1]!.levelLabel.vi).toBe('Cơ sở (xã, trường, công ty…)');
    // Another year has none.
    expect((ok(await t.as(AUDITOR).get('/api/statistics/recognitions-by-level?year=2024')) as { rows: unknown[] }).rows).toEqual([]);
  });
});
