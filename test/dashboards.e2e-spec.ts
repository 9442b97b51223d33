/**
 * The dashboards, computed from real data made through the API: the office's pipeline by stage and unit level,
 * overdue nurturing, open sessions with their deadlines and this year against last (for the province and within a
 * unit head's subtree); the auditors' checkpoint, witness, history check and refusals. Every figure is checked
 * against the data the test made, not only the shape.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type ActorClient, type TestApp } from './support/app.js';
import { AUDITOR, COUNCIL_MEMBER, SECRETARY, UNIT_HEAD, newCandidate, newUnit, sendEvent } from './support/factories.js';
import { councilOf } from './support/council.js';
import { Clock } from '../apps/api/src/common/clock.js';
import { AuditCheckpoints } from '../apps/api/src/audit/audit-checkpoints.service.js';

jest.setTimeout(240_000);

let t: TestApp;
let witnessDir: string;
let today: string;
let year: number;
let headOfA: ActorClient;
let headOfB: ActorClient;
let districtA: string;
let schoolA: string;
let districtB: string;
let department: string;
const ids: Record<string, string> = {};

const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

beforeAll(async () => {
  witnessDir = mkdtempSync(join(tmpdir(), 'dth-dashboard-witness-'));
  t = await startTestApp({ AUDIT_WITNESS_DIR: witnessDir });
  today = t.running.app.get(Clock).today();
  year = Number(today.slice(0, 4));
  districtA = (await newUnit(t, { name: 'UBND huyện Lạng Giang', level: 'DISTRICT', sector: 'LOCALITY' })).id;
  schoolA = (await newUnit(t, { name: 'Trường THCS Tân Dĩnh', parentId: districtA })).id;
  districtB = (await newUnit(t, { name: 'UBND huyện Yên Thế', level: 'DISTRICT', sector: 'LOCALITY' })).id;
  department = (await newUnit(t, { name: 'Sở Y tế', level: 'DEPARTMENT' })).id;
  headOfA = await t.newAccount('truong-lang-giang', 'UNIT_HEAD', districtA);
  headOfB = await t.newAccount('truong-yen-the', 'UNIT_HEAD', districtB);

  // School of district A: two discovered (this year, last year), one nurturing overdue (last check-in 1 April
  // 2025), one nurturing on time (its plan written today).
  ids.discoveredNow = (await newCandidate(t, { unitId: schoolA, year, name: 'Cô giáo Nguyễn Thị Hoa', kind: 'INDIVIDUAL' })).id;
  ids.discoveredLast = (await newCandidate(t, { unitId: schoolA, year: year - 1, name: 'Tổ Toán trường Tân Dĩnh' })).id;
  ids.overdueA = (await newCandidate(t, { unitId: schoolA, year: year - 1, state: 'nurturing', name: 'Thầy Lê Văn Nam', kind: 'INDIVIDUAL' })).id;
  expect((await sendEvent(t, ids.overdueA, 'RECORD_CHECK_IN', { date: '2025-04-01', strengths: 'Tiến bộ', shortcomings: 'Chưa lan tỏa' })).status).toBe(200);
  ids.onTime = (await newCandidate(t, { unitId: schoolA, year, state: 'nurturing', name: 'Chi đoàn giáo viên' })).id;
  // District A: one under review in a session being prepared (with its dates), one on public notice.
  ids.underReview = (await newCandidate(t, { unitId: districtA, year: year - 1, state: 'underReview', name: 'Hợp tác xã Tân Thịnh' })).id;
  ids.notice = (await newCandidate(t, { unitId: districtA, year: year - 1, state: 'publicNotice', name: 'Hội Nông dân xã Tân Dĩnh' })).id;
  // District B: recognised, rejected, withdrawn (this year), nurturing overdue (last check-in 10 May 2025).
  ids.recognised = (await newCandidate(t, { unitId: districtB, year: year - 1, state: 'recognised', name: 'Hợp tác xã chè Yên Thế' })).id;
  ids.rejected = (await newCandidate(t, { unitId: districtB, year: year - 1, state: 'rejected', name: 'Tổ hợp tác mây tre' })).id;
  ids.withdrawn = (await newCandidate(t, { unitId: districtB, year, state: 'withdrawn', name: 'Hộ ông Hoàng Văn Bình', kind: 'HOUSEHOLD' })).id;
  ids.overdueB = (await newCandidate(t, { unitId: districtB, year: year - 1, state: 'nurturing', name: 'Hộ bà Trần Thị Lan', kind: 'HOUSEHOLD' })).id;
  expect((await sendEvent(t, ids.overdueB, 'RECORD_CHECK_IN', { date: '2025-05-10', strengths: 'Tốt', shortcomings: 'Chưa có' })).status).toBe(200);
  // Department: one being replicated.
  ids.replicating = (await newCandidate(t, { unitId: department, year: year - 1, state: 'replicating', name: 'Khoa Nhi bệnh viện tỉnh' })).id;

  const council = await councilOf(t);
  const session = await t
    .as(SECRETARY)
    .post('/api/review-sessions')
    .send({ title: `Tổng kết năm ${year - 1}`, year: year - 1, chairName: 'Chủ tịch Hội đồng', ballot: 'OPEN', memberIds: council.memberIds, checklistsDueOn: '2099-01-15', votingClosesOn: '2099-02-01' });
  expect(session.status).toBe(201);
  ids.preparing = session.body.id;
  expect((await t.as(SECRETARY).post(`/api/review-sessions/${ids.preparing}/items`).send({ candidateId: ids.underReview })).status).toBe(201);
});
afterAll(async () => {
  await t?.close();
  rmSync(witnessDir, { recursive: true, force: true });
});

const LEVELS = ['PROVINCE', 'DEPARTMENT', 'DISTRICT', 'ENTERPRISE', 'GRASSROOTS'];
type Row = { stage: string; total: number; byLevel: { level: string; count: number }[]; byState: { state: string; count: number }[] };
const levels = (row: Row) => Object.fromEntries(row.byLevel.filter((l) => l.count > 0).map((l) => [l.level, l.count]));
const states = (row: Row) => Object.fromEntries(row.byState.filter((s) => s.count > 0).map((s) => [s.state, s.count]));

describe('the office dashboard', () => {
  it('counts the whole province’s pipeline by stage and by the level of the unit that holds each candidate', async () => {
    const res = await t.as(SECRETARY).get('/api/dashboards/office');
    expect(res.status).toBe(200);
    expect(res.body.today).toBe(today);
    expect(res.body.scope).toBeNull();
    const rows = res.body.pipeline.rows as Row[];
    expect(rows.map((r) => r.stage)).toEqual(['DISCOVER', 'NURTURE', 'SUMMARIZE', 'REPLICATE']);
    expect(rows.every((r) => r.byLevel.map((l) => l.level).join() === LEVELS.join())).toBe(true);
    const [discover, nurture, summarize, replicate] = rows as [Row, Row, Row, Row];
    expect([levels(discover), states(discover), discover.total]).toEqual([{ GRASSROOTS: 2 }, { discovered: 2 }, 2]);
    expect([levels(nurture), states(nurture), nurture.total]).toEqual([{ GRASSROOTS: 2, DISTRICT: 1 }, { nurturing: 3 }, 3]);
    expect([levels(summarize), states(summarize), summarize.total]).toEqual([{ DISTRICT: 4 }, { underReview: 1, publicNotice: 1, recognised: 1, rejected: 1 }, 4]);
    expect([levels(replicate), states(replicate), replicate.total]).toEqual([{ DEPARTMENT: 1 }, { replicating: 1 }, 1]);
    // The withdrawn candidate left the programme: in no stage.
    expect(res.body.pipeline.total).toBe(10);
  });

  it('lists nurturing overdue by the check-in schedule of the candidate’s page, most overdue first', async () => {
    const res = await t.as(SECRETARY).get('/api/dashboards/office');
    const overdue = res.body.overdueNurturing;
    expect(overdue.checkInIntervalDays).toBe(90);
    expect(overdue.total).toBe(2);
    expect(overdue.items).toEqual([
      { candidate: { id: ids.overdueA, name: 'Thầy Lê Văn Nam', kind: 'INDIVIDUAL', unit: { id: schoolA, name: 'Trường THCS Tân Dĩnh' } }, lastCheckInOn: '2025-04-01', nextCheckInDue: '2025-06-30', daysOverdue: days('2025-06-30', today) },
      { candidate: { id: ids.overdueB, name: 'Hộ bà Trần Thị Lan', kind: 'HOUSEHOLD', unit: { id: districtB, name: 'UBND huyện Yên Thế' } }, lastCheckInOn: '2025-05-10', nextCheckInDue: '2025-08-08', daysOverdue: days('2025-08-08', today) },
    ]);
    // The candidate's own page says the same.
    for (const id of [ids.overdueA, ids.onTime]) {
      const plan = await t.as(UNIT_HEAD).get(`/api/candidates/${id}/nurturing`);
      expect(plan.body.overdue).toBe(id === ids.overdueA);
    }
  });

  it('lists the sessions not yet closed with the dates that matter at their stage', async () => {
    const res = await t.as(SECRETARY).get('/api/dashboards/office');
    const sessions = res.body.sessions as { id: string; status: string; candidates: number; undecided: number; deadlines: { kind: string; date: string; daysLeft: number }[]; next: { kind: string } | null }[];
    expect(sessions.map((s) => s.status).sort()).toEqual(['NOTICE', 'PREPARING']);
    const preparing = sessions.find((s) => s.id === ids.preparing)!;
    expect(preparing).toMatchObject({ candidates: 1, undecided: 1, statusLabel: { vi: 'Chuẩn bị (thêm hồ sơ, phân công, đánh giá)' } });
    expect(preparing.deadlines).toEqual([
      { kind: 'CHECKLISTS_DUE', date: '2099-01-15', daysLeft: days(today, '2099-01-15') },
      { kind: 'VOTING_CLOSES', date: '2099-02-01', daysLeft: days(today, '2099-02-01') },
    ]);
    expect(preparing.next).toEqual(preparing.deadlines[0]);
    const notice = sessions.find((s) => s.status === 'NOTICE')!;
    const [endsOn] = (await t.dataSource.query(`SELECT to_char(n.ends_on, 'YYYY-MM-DD') AS d FROM public_notice n JOIN review_item i ON i.session_id = n.session_id WHERE i.candidate_id = $1`, [ids.notice])) as { d: string }[];
    expect(notice).toMatchObject({ candidates: 1, undecided: 0, deadlines: [{ kind: 'NOTICE_ENDS', date: endsOn!.d, daysLeft: days(today, endsOn!.d) }] });
    expect(notice.next).toEqual(notice.deadlines[0]);
  });

  it('sets this year against last by what became of each year’s candidates', async () => {
    const res = await t.as(SECRETARY).get('/api/dashboards/office');
    expect(res.body.years).toEqual({
      current: { year, nominated: 3, inProgress: 2, recognised: 0, rejected: 0, withdrawn: 1, returned: 0 },
      previous: { year: year - 1, nominated: 8, inProgress: 5, recognised: 2, rejected: 1, withdrawn: 0, returned: 0 },
    });
  });

  it('counts only a unit head’s subtree, and names their unit', async () => {
    const a = await headOfA.get('/api/dashboards/office');
    expect(a.status).toBe(200);
    expect(a.body.scope).toEqual({ id: districtA, name: 'UBND huyện Lạng Giang' });
    const [discover, nurture, summarize, replicate] = a.body.pipeline.rows as [Row, Row, Row, Row];
    expect([discover.total, levels(nurture), levels(summarize), replicate.total]).toEqual([2, { GRASSROOTS: 2 }, { DISTRICT: 2 }, 0]);
    expect(a.body.pipeline.total).toBe(6);
    expect(a.body.overdueNurturing.items.map((i: { candidate: { id: string } }) => i.candidate.id)).toEqual([ids.overdueA]);
    expect(a.body.sessions.map((s: { status: string }) => s.status).sort()).toEqual(['NOTICE', 'PREPARING']);
    expect(a.body.years.previous).toMatchObject({ nominated: 4, inProgress: 4, recognised: 0 });

    const b = await headOfB.get('/api/dashboards/office');
    expect(b.body.pipeline.total).toBe(3); // recognised, rejected, nurturing (the withdrawn one is in no stage)
    expect(b.body.overdueNurturing.items.map((i: { candidate: { id: string } }) => i.candidate.id)).toEqual([ids.overdueB]);
    // B's candidates went through sessions now closed: nothing of B is open.
    expect(b.body.sessions).toEqual([]);
    expect(b.body.years.current).toMatchObject({ nominated: 1, withdrawn: 1 });
  });

  it('moves when a candidate moves: a check-in takes the overdue candidate off the list', async () => {
    const before = (await t.as(SECRETARY).get('/api/dashboards/office')).body;
    expect((await sendEvent(t, ids.overdueB, 'RECORD_CHECK_IN', { date: today, strengths: 'Đã khắc phục', shortcomings: 'Không' })).status).toBe(200);
    const after = (await t.as(SECRETARY).get('/api/dashboards/office')).body;
    expect([before.overdueNurturing.total, after.overdueNurturing.total]).toEqual([2, 1]);
    expect(after.pipeline.total).toBe(before.pipeline.total);
  });

  it('lists a unit head’s candidates before the council, each with its session and next date', async () => {
    const a = (await headOfA.get('/api/dashboards/office')).body;
    const [endsOn] = (await t.dataSource.query(`SELECT to_char(n.ends_on, 'YYYY-MM-DD') AS d FROM public_notice n JOIN review_item i ON i.session_id = n.session_id WHERE i.candidate_id = $1`, [ids.notice])) as { d: string }[];
    expect(a.underCouncil).toEqual([
      {
        candidate: { id: ids.notice, name: 'Hội Nông dân xã Tân Dĩnh', kind: 'COLLECTIVE', state: 'publicNotice', unit: { id: districtA, name: 'UBND huyện Lạng Giang' } },
        session: { id: expect.any(String), title: 'Tổng kết năm 2025', status: 'NOTICE' },
        next: { kind: 'NOTICE_ENDS', date: endsOn!.d, daysLeft: days(today, endsOn!.d) },
      },
      {
        candidate: { id: ids.underReview, name: 'Hợp tác xã Tân Thịnh', kind: 'COLLECTIVE', state: 'underReview', unit: { id: districtA, name: 'UBND huyện Lạng Giang' } },
        session: { id: ids.preparing, title: `Tổng kết năm ${year - 1}`, status: 'PREPARING' },
        next: { kind: 'CHECKLISTS_DUE', date: '2099-01-15', daysLeft: days(today, '2099-01-15') },
      },
    ]);
    // Proposed in another district, not yet in a session: listed there, without a session or a date.
    const districtC = (await newUnit(t, { name: 'UBND huyện Tân Yên', level: 'DISTRICT', sector: 'LOCALITY' })).id;
    const headOfC = await t.newAccount('truong-tan-yen', 'UNIT_HEAD', districtC);
    const waiting = await newCandidate(t, { unitId: districtC, state: 'underReview', name: 'Chi hội phụ nữ thôn Đồng' });
    expect((await headOfC.get('/api/dashboards/office')).body.underCouncil).toEqual([
      { candidate: { id: waiting.id, name: 'Chi hội phụ nữ thôn Đồng', kind: 'COLLECTIVE', state: 'underReview', unit: { id: districtC, name: 'UBND huyện Tân Yên' } }, session: null, next: null },
    ]);
    expect((await headOfB.get('/api/dashboards/office')).body.underCouncil).toEqual([]);
  });

  it('is not for administrators or clerks', async () => {
    expect((await t.as('admin').get('/api/dashboards/office')).status).toBe(403);
    expect((await t.as('vanthu').get('/api/dashboards/office')).status).toBe(403);
  });
});

describe('the auditors’ dashboard', () => {
  const auditCount = async () => ((await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event')) as { n: number }[])[0]!.n;

  it('says there is no checkpoint yet, and counts every record as not covered', async () => {
    const res = await t.as(AUDITOR).get('/api/dashboards/audit');
    expect(res.status).toBe(200);
    expect(res.body.latestCheckpoint).toBeNull();
    expect(res.body.records).toEqual({ total: await auditCount(), covered: 0 });
    expect(res.body.witness).toEqual({ configured: true, entries: 0, latestTreeSize: null, latestWitnessedAt: null });
    expect(res.body.history).toEqual({ ok: true, problems: [] });
  });

  it('lists recent refusals with the person’s name and the reason in words, and counts those of the last 7 days', async () => {
    const before = (await t.as(AUDITOR).get('/api/dashboards/audit')).body.refusals.last7Days as number;
    // Three refusals, each of a different person or reason, so each is written at once.
    expect((await headOfA.get(`/api/candidates/${ids.recognised}`)).status).toBe(404);
    expect((await t.as(COUNCIL_MEMBER).get('/api/dashboards/audit')).status).toBe(403);
    expect((await t.as(SECRETARY).get('/api/dashboards/audit')).status).toBe(403);
    const res = await t.as(AUDITOR).get('/api/dashboards/audit');
    expect(res.body.refusals.last7Days).toBe(before + 3);
    const recent = res.body.refusals.recent.slice(0, 3) as { account: { displayName: string }; reason: string; reasonWords: { vi: string }; count: number }[];
    expect(recent.map((r) => [r.account.displayName, r.reason, r.reasonWords.vi, r.count])).toEqual([
      ['thuongtruc', 'ROLE_NOT_ALLOWED', 'Vai trò không được phép dùng chức năng này', 1],
      ['uyvien1', 'ROLE_NOT_ALLOWED', 'Vai trò không được phép dùng chức năng này', 1],
      ['truong-lang-giang', 'OUT_OF_UNIT_SCOPE', 'Hồ sơ hoặc đơn vị ngoài phạm vi đơn vị của người dùng', 1],
    ]);
  });

  it('shows the latest checkpoint, its signature checked, and the witness’s copy of it; reading changes nothing', async () => {
    await t.running.app.get(AuditCheckpoints).build();
    const [latest] = (await t.dataSource.query('SELECT tree_size::int AS size FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1')) as { size: number }[];
    const count = await auditCount();
    const res = await t.as(AUDITOR).get('/api/dashboards/audit');
    expect(res.body.latestCheckpoint).toMatchObject({ treeSize: latest!.size, signatureValid: true });
    expect(res.body.records).toEqual({ total: count, covered: latest!.size });
    expect(res.body.witness).toMatchObject({ configured: true, entries: 1, latestTreeSize: latest!.size });
    expect(Date.parse(res.body.witness.latestWitnessedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.latestCheckpoint.createdAt));
    expect(res.body.history).toEqual({ ok: true, problems: [] });
    expect(await auditCount()).toBe(count);
  });

  it('reports a witness it cannot reach as a problem, in words', async () => {
    const moved = `${witnessDir}-moved`;
    renameSync(witnessDir, moved);
    try {
      const res = await t.as(AUDITOR).get('/api/dashboards/audit');
      expect(res.status).toBe(200);
      expect(res.body.history.ok).toBe(false);
      expect(res.body.history.problems).toEqual([expect.objectContaining({ code: 'WITNESS_UNREACHABLE', words: expect.objectContaining({ vi: expect.stringMatching(/\S/) }) })]);
    } finally {
      renameSync(moved, witnessDir);
    }
    expect((await t.as(AUDITOR).get('/api/dashboards/audit')).body.history.ok).toBe(true);
  });
});
