/**
 * The authorisation matrix: every role × every endpoint × (an object of the person's own unit, an object of
 * another unit) → the expected status, generated from ONE table. The table must name exactly the routes the
 * OpenAPI description lists, so a new endpoint without a row (or a row without an endpoint) fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type supertest from 'supertest';
import type { Role } from '#domain';
import { startTestApp, TEST_PASSWORD, type ActorClient, type TestApp } from './support/app.js';
import { issueDecision, nextFreeNumber, revokeDecision } from './support/decisions.js';
import { ADMIN, CLERK, importStatistics, newCandidate, newUnit, pdfBytes, SECRETARY, UNIT_HEAD, writeUnitPlan } from './support/factories.js';
import { AuditCheckpoints } from '../apps/api/src/audit/audit-checkpoints.service.js';
import { Clock } from '../apps/api/src/common/clock.js';
import { BAC_NINH_WITH_REGULATION } from '../apps/api/src/demo/demo-profile.js';
import { councilOf, decideThroughCouncil, fullChecklist, later } from './support/council.js';
import { REGULATION_2025_PRESET } from '#workflow';
import { MOVEMENT, REVIEW, movementIn, type MovementStatus } from './support/movement-factories.js';
import { issueChallenge, solveChallenge } from '../apps/api/src/publicity/proof-of-work.js';
import { SubmitPublicComment } from '../apps/api/src/publicity/use-cases/submit-public-comment.js';
import { signPdf } from '../apps/api/src/signatures/pades.js';
import { SigningKeys } from '../apps/api/src/signatures/signing-keys.js';

type Target = 'own' | 'other';
const ROLES: Role[] = ['UNIT_HEAD', 'COUNCIL_MEMBER', 'COUNCIL_SECRETARY', 'AUDITOR', 'CLERK', 'ADMIN'];
const READERS: Role[] = ['UNIT_HEAD', 'COUNCIL_MEMBER', 'COUNCIL_SECRETARY', 'AUDITOR'];

interface Ctx {
  t: TestApp;
  /** The unit of the unit head under test, and a sibling unit outside their reach. */
  unitA: string;
  unitB: string;
  unitOf(target: Target): string;
  /**
   * The request will be refused before its handler runs (a role not allowed, or no session) or only reads: the
   * objects it names are never changed, so the expensive ones (candidates in a state, whole review sessions,
   * decisions) are built once and reused for such requests instead of afresh.
   */
  refused?: boolean;
}

const reusable = new Map<string, Promise<unknown>>();
/** Builds a fresh object for requests that reach their handler, and one shared object for refused requests. */
function once<T>(c: Ctx, key: string, build: () => Promise<T>): Promise<T> {
  if (!c.refused) return build();
  if (!reusable.has(key)) reusable.set(key, build());
  return reusable.get(key) as Promise<T>;
}

interface Row {
  /** Roles the route serves; 'PUBLIC' needs no session. */
  allowed: Role[] | 'PUBLIC';
  /**
   * How a unit head reaches outside their subtree: a candidate (404, as if missing), a unit to nominate in (403),
   * or a unit whose plans or statistics are asked for (403: units are public, their data is not), or a
   * movement launched in another subtree (404 MOVEMENT_NOT_FOUND, as if missing); or 'public': an object of the
   * target unit that every allowed role reads whatever their unit (recognition decisions and certificates, public
   * acts: access/decision-access.ts), so the unit head of unit A gets unit B's too.
   */
  scope: 'candidate' | 'nominate' | 'unit' | 'none' | 'movement' | 'public';
  /** Status when allowed and within reach. */
  ok: number;
  /** The code of a 404 that is the route's own answer when allowed (not a refusal that hides an object). */
  okNotFoundCode?: string;
  /** Sends the request as `client` (a fresh object is built per call, so calls do not interfere). */
  send(ctx: Ctx, client: ActorClient, target: Target, role: Role): Promise<supertest.Response>;
}

const candidateIn = async (ctx: Ctx, target: Target, state: NonNullable<Parameters<typeof newCandidate>[1]>['state'] = 'discovered') =>
  once(ctx, `candidate:${target}:${state}`, () => newCandidate(ctx.t, { unitId: ctx.unitOf(target), state }));

/** The province's council (set up with the province). */
const provinceCouncilId = async (ctx: Ctx) =>
  ((await ctx.t.dataSource.query('SELECT c.id FROM council c JOIN unit u ON u.id = c.unit_id WHERE u.id = $1', [ctx.t.provinceId])) as { id: string }[])[0]!.id;
const HOLD_FORM = { documentNumber: '12/TTr', documentDate: '2026-11-20', documentIssuer: 'Thanh tra tỉnh' };
/**
 * A candidate of the target unit with a hold placed by the secretariat (the document's file attached); with
 * `lifted`, the hold is lifted too, with its own document's file.
 */
const heldCandidate = (ctx: Ctx, target: Target, lifted = false) =>
  once(ctx, `held:${target}:${lifted}`, async () => {
    const cand = await newCandidate(ctx.t, { unitId: ctx.unitOf(target) });
    const sec = ctx.t.as(SECRETARY);
    const withFile = (req: supertest.Test, fields: Record<string, string>) => {
      for (const [k, v] of Object.entries(fields)) req.field(k, v);
      return req.attach('file', pdfBytes('van ban'), { filename: 'van-ban.pdf', contentType: 'application/pdf' });
    };
    const placed = await withFile(sec.post(`/api/candidates/${cand.id}/holds`), { ...HOLD_FORM, kind: 'INSPECTION', grounds: 'Đang thanh tra' });
    expect(placed.status).toBe(201);
    const holdId = placed.body.hold.id as string;
    if (lifted) expect((await withFile(sec.post(`/api/candidates/${cand.id}/holds/${holdId}/lift`), { ...HOLD_FORM, conclusion: 'Không có vi phạm' })).status).toBe(201);
    return { candidateId: cand.id, holdId };
  });

const throwawayAccount = async (ctx: Ctx) => {
  const res = await ctx.t
    .as(ADMIN)
    .post('/api/accounts')
    .send({ username: `tk${Math.random().toString(36).slice(2, 10)}`, displayName: 'Tài khoản thử', role: 'AUDITOR', password: TEST_PASSWORD });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

/** A statistics file no one has imported yet (a new SHA-256 each time), so the import answers 201. */
const freshStatisticsFile = () => Buffer.from(`year,field,collective,individual\n2001,ECONOMY,${Math.floor(Math.random() * 1e9)},${Date.now() % 1e6}\n`);
/** A unit list whose codes no one has imported yet (a new province each time), so applying it answers 201. */
const freshUnitList = () => {
  const code = `T${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  return Buffer.from(`Mã đơn vị,Tên đơn vị,Cấp,Khối,Mã đơn vị cấp trên\n${code},Tỉnh nhập thử,PROVINCE,STATE,\n${code}-X,Xã nhập thử,GRASSROOTS,LOCALITY,${code}\n`);
};
const STATISTICS_READERS = READERS;
const IMPORT_READERS: Role[] = ['COUNCIL_MEMBER', 'COUNCIL_SECRETARY', 'AUDITOR'];

const COUNCIL_READERS: Role[] = ['COUNCIL_SECRETARY', 'COUNCIL_MEMBER', 'AUDITOR'];
/** The council member under test: a unit outside the province, so no candidate of the province conflicts with them. */
let councilMemberId: string;

type Stage = 'preparing' | 'assigned' | 'checked' | 'voting' | 'voted' | 'closed' | 'decided' | 'noticed' | 'commented' | 'answered';
const STAGES: Stage[] = ['preparing', 'assigned', 'checked', 'voting', 'voted', 'closed', 'decided', 'noticed', 'commented', 'answered'];

/**
 * A secret-ballot session with the member under test as its only member and one candidate of unit A, taken
 * through the API to the stage asked for (each stage includes the ones before it).
 */
async function sessionAt(c: Ctx, stage: Stage) {
  return once(c, `session:${stage}`, () => buildSessionAt(c, stage));
}

async function buildSessionAt(c: Ctx, stage: Stage) {
  const sec = c.t.as(SECRETARY);
  const member = clients.get('COUNCIL_MEMBER')!;
  const reached = (s: Stage) => STAGES.indexOf(stage) >= STAGES.indexOf(s);
  const candidate = await newCandidate(c.t, { unitId: c.unitA, state: 'underReview' });
  const sessionId = (await sec.post('/api/review-sessions').send({ title: 'Phiên ma trận', year: 2025, chairName: 'Chủ tọa', ballot: 'SECRET', memberIds: [councilMemberId] })).body.id as string;
  const itemId = (await sec.post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: candidate.id })).body.itemId as string;
  let receipt: string | undefined;
  let commentId: string | undefined;
  if (reached('assigned')) await sec.post(`/api/review-sessions/${sessionId}/items/${itemId}/assignments`).send({ reviewerIds: [councilMemberId] });
  if (reached('checked')) {
    const criteria = (await sec.get(`/api/review-sessions/${sessionId}`)).body.items[0].criteria as { code: string }[];
    await member.post(`/api/review-sessions/${sessionId}/items/${itemId}/checklists`).send({ marks: criteria.map((x) => ({ criterionCode: x.code, met: true, comment: 'Đạt' })) });
  }
  if (reached('voting')) await sec.post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: [councilMemberId] });
  if (reached('voted')) receipt = (await member.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'IN_FAVOUR' })).body.receipt;
  if (reached('closed')) await sec.post(`/api/review-sessions/${sessionId}/voting/close`);
  if (reached('decided')) await sec.post(`/api/review-sessions/${sessionId}/items/${itemId}/decision`).send({ outcome: 'RECOGNISE' });
  if (reached('noticed')) await sec.post(`/api/review-sessions/${sessionId}/notice`).send({ channels: 'Cổng thông tin' });
  if (reached('commented')) commentId = (await sec.post(`/api/review-sessions/${sessionId}/notice/comments`).send({ itemId, author: 'Người dân', body: 'Phản ánh' })).body.commentId;
  if (reached('answered')) await sec.post(`/api/review-sessions/${sessionId}/notice/comments/${commentId}/answer`).send({ body: 'Phản ánh đúng', upheld: true });
  return { candidateId: candidate.id, sessionId, itemId, receipt, commentId };
}

/** A comment sent by the public (with an attachment) on the notice of a session at 'noticed', waiting for moderation. */
async function publicCommentIn(c: Ctx) {
  return once(c, 'public-comment', async () => {
    const s = await sessionAt({ ...c, refused: false }, 'noticed');
    const [{ noticeId }] = (await c.t.dataSource.query('SELECT id AS "noticeId" FROM public_notice WHERE session_id = $1', [s.sessionId])) as { noticeId: string }[];
    const challenge = issueChallenge(noticeId, c.t.running.app.get(Clock).now());
    const { publicCommentId } = await c.t.running.app.get(SubmitPublicComment).execute(
      noticeId,
      { name: 'Người dân', contact: 'nguoidan@example.vn', body: 'Góp ý', challenge, nonce: solveChallenge(challenge, c.t.running.config.PUBLIC_COMMENT_POW_BITS) },
      { originalname: 'gop-y.pdf', mimetype: 'application/pdf', size: pdfBytes().length, buffer: pdfBytes() },
      // An address of its own each time: the per-address limit is not what this table tests.
      `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    );
    return { sessionId: s.sessionId, publicCommentId };
  });
}

/** A session whose only member is recorded as giving a written opinion, voting open (for the written-opinion routes). */
async function writtenOpinionSession(c: Ctx) {
  return once(c, 'written-opinion-session', async () => {
    const sec = c.t.as(SECRETARY);
    const candidate = await newCandidate(c.t, { unitId: c.unitA, state: 'underReview' });
    const sessionId = (await sec.post('/api/review-sessions').send({ title: 'Phiên ý kiến văn bản', year: 2025, chairName: 'Chủ tọa', ballot: 'OPEN', memberIds: [councilMemberId] })).body.id as string;
    const itemId = (await sec.post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: candidate.id })).body.itemId as string;
    expect((await sec.post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: [], writtenOpinionMemberIds: [councilMemberId] })).status).toBe(200);
    return { sessionId, itemId };
  });
}

const sendWrittenOpinion = (cl: ActorClient, s: { sessionId: string; itemId: string }) =>
  cl
    .post(`/api/review-sessions/${s.sessionId}/written-opinions`)
    .field('memberId', councilMemberId)
    .field('choices', JSON.stringify({ [s.itemId]: 'IN_FAVOUR' }))
    .attach('file', pdfBytes('phieu y kien'), { filename: 'phieu.pdf', contentType: 'application/pdf' });

/** A recorded written opinion (its id), for the download route. */
async function writtenOpinion(c: Ctx) {
  return once(c, 'written-opinion', async () => {
    const s = await writtenOpinionSession(c);
    const res = await sendWrittenOpinion(c.t.as(SECRETARY), s);
    expect(res.status).toBe(201);
    return { sessionId: s.sessionId, opinionId: res.body.id as string };
  });
}

/** A closed vote with a tie (1 for, 1 against) under the regulation, whose chair breaks ties. */
async function tiedSession(c: Ctx) {
  return once(c, 'tied-session', async () => {
    const sec = c.t.as(SECRETARY);
    const council = await councilOf(c.t, 2);
    const candidate = await newCandidate(c.t, { unitId: c.unitA, state: 'underReview' });
    const sessionId = (await sec.post('/api/review-sessions').send({ title: 'Phiên ngang phiếu', year: 2025, chairName: 'Chủ tọa', ballot: 'OPEN', memberIds: council.memberIds })).body.id as string;
    const itemId = (await sec.post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: candidate.id })).body.itemId as string;
    await sec.post(`/api/review-sessions/${sessionId}/items/${itemId}/assignments`).send({ reviewerIds: [council.memberIds[0]] });
    const criteria = (await sec.get(`/api/review-sessions/${sessionId}`)).body.items[0].criteria as { code: string }[];
    await council.members[0]!.post(`/api/review-sessions/${sessionId}/items/${itemId}/checklists`).send(fullChecklist(criteria));
    await sec.post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: council.memberIds });
    await council.members[0]!.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'IN_FAVOUR' });
    await council.members[1]!.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'AGAINST' });
    expect((await sec.post(`/api/review-sessions/${sessionId}/voting/close`)).status).toBe(200);
    return { sessionId, itemId };
  });
}

/** Who launches and runs movements. */
const MOVEMENT_RUNNERS: Role[] = ['UNIT_HEAD', 'COUNCIL_SECRETARY'];
/** A movement launched by the target unit (by the secretariat), in the status asked for. */
const movementOf = (c: Ctx, target: Target, status: MovementStatus = 'LAUNCHED') => movementIn(c.t, status, { launchingUnitId: c.unitOf(target) });
/** A registration, by the secretariat, of a new unit below the target unit in a movement the target unit launched. */
const registrationOf = async (c: Ctx, target: Target) => {
  const m = await movementOf(c, target);
  const unit = await newUnit(c.t, { parentId: c.unitOf(target), name: 'Xã đã đăng ký' });
  const res = await c.t.as(SECRETARY).post(`/api/movements/${m.id}/registrations`).send({ unitId: unit.id, targets: 'Xây dựng 2 điển hình' });
  expect(res.status).toBe(201);
  return res.body as { id: string; movementId: string };
};

const DECISION_SIGNER = { authorityCode: 'UBND_TINH', signerTitle: 'CHỦ TỊCH', signerName: 'Nguyễn Văn Mạnh' };

/** Runs a request as of 31 days later: a session closes after its notice period, so its decisions come after. */
async function laterFor<T>(c: Ctx, work: () => Promise<T>): Promise<T> {
  return later(c.t, 31, work);
}

/** A session that recognised one candidate of unit A and closed, with no decision issued yet. */
async function closedSession(c: Ctx): Promise<string> {
  return once(c, 'closed-session', () => buildClosedSession(c));
}

async function buildClosedSession(c: Ctx): Promise<string> {
  const candidate = await newCandidate(c.t, { unitId: c.unitA, state: 'underReview' });
  return (await decideThroughCouncil(c.t, [candidate.id], 'RECOGNISE')).sessionId;
}

/** A recognition decision about a candidate of the target unit, issued (as of after the session closed) by the secretariat. */
async function issuedDecision(c: Ctx, target: Target = 'own'): Promise<{ id: string; candidateId: string }> {
  return once(c, `decision:${target}`, () => buildIssuedDecision(c, target));
}

async function buildIssuedDecision(c: Ctx, target: Target): Promise<{ id: string; candidateId: string }> {
  const candidate = await newCandidate(c.t, { unitId: c.unitOf(target), state: 'underReview' });
  const { sessionId } = await decideThroughCouncil(c.t, [candidate.id], 'RECOGNISE');
  const res = await laterFor(c, () => issueDecision(c.t, { ...DECISION_SIGNER, sessionId }));
  expect(res.status).toBe(201);
  return { id: res.body.id, candidateId: candidate.id };
}

/** A decision issued and then wholly revoked (its own candidate), for the rows that read or complete a revocation. */
async function revokedDecision(c: Ctx): Promise<{ id: string; candidateId: string }> {
  return once(c, 'revocation', async () => {
    const candidate = await newCandidate(c.t, { unitId: c.unitA, state: 'underReview' });
    const { sessionId } = await decideThroughCouncil(c.t, [candidate.id], 'RECOGNISE');
    return laterFor(c, async () => {
      const issued = await issueDecision(c.t, { ...DECISION_SIGNER, sessionId });
      expect(issued.status).toBe(201);
      const revoked = await revokeDecision(c.t, issued.body.id, { ...DECISION_SIGNER, grounds: ['UNLAWFUL_APPRAISAL'], reasons: 'Xét trái quy định' });
      expect(revoked.status).toBe(201);
      return { id: revoked.body.id as string, candidateId: candidate.id };
    });
  });
}
/** Who sees decision drafts: the secretariat drafts, the clerk numbers and issues, auditors read. */
const DRAFT_READERS: Role[] = ['COUNCIL_SECRETARY', 'CLERK', 'AUDITOR'];

/** A draft of a closed session's decision (the secretariat's), numbered by the clerk when asked. */
async function draftOf(c: Ctx, numbered: boolean, authorityCode = 'UBND_TINH'): Promise<{ id: string }> {
  const candidate = await newCandidate(c.t, { unitId: c.unitA, state: 'underReview' });
  const { sessionId } = await decideThroughCouncil(c.t, [candidate.id], 'RECOGNISE');
  return laterFor(c, async () => {
    const res = await c.t.as(SECRETARY).post('/api/decision-drafts').send({ ...DECISION_SIGNER, authorityCode, sessionId });
    expect(res.status).toBe(201);
    if (numbered) {
      const issuedOn = c.t.running.app.get(Clock).today();
      const number = res.body.register.mode === 'COUNTER' ? {} : { number: await nextFreeNumber(c.t, authorityCode, Number(issuedOn.slice(0, 4))) };
      expect((await c.t.as(CLERK).post(`/api/decision-drafts/${res.body.id}/number`).send({ issuedOn, ...number })).status).toBe(200);
    }
    return { id: res.body.id as string };
  });
}
const sharedDraft = (c: Ctx) => once({ ...c, refused: true }, 'shared-draft', () => draftOf(c, false));

/** One decision per target unit for the rows that only read it. */
const shared = new Map<Target, Promise<{ id: string; candidateId: string }>>();
const sharedDecision = (c: Ctx, target: Target) => {
  if (!shared.has(target)) shared.set(target, issuedDecision(c, target));
  return shared.get(target)!;
};
/** A document's issued copy, signed as a signer's token would (with the rehearsal instance's demo key, whose root it trusts). */
async function signedCopy(c: Ctx, issuedCopyUrl: string): Promise<Buffer> {
  const res = await c.t.as(SECRETARY).get(issuedCopyUrl).buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (b: Buffer) => chunks.push(b));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(res.status).toBe(200);
  const credentials = (await c.t.running.app.get(SigningKeys).credentials())!;
  return (await signPdf(res.body as Buffer, credentials, { reason: 'x', location: 'x', name: 'x', signingTime: new Date() })).pdf;
}

/** Decisions and certificates are public acts: every signed-in role reads them, whatever the unit. */
const DECISION_READERS: Role[] = ROLES;

const TABLE: Record<string, Row> = {
  'GET /health': { allowed: 'PUBLIC', scope: 'none', ok: 200, send: (c, cl) => cl.get('/health') },
  'GET /health/ready': { allowed: 'PUBLIC', scope: 'none', ok: 200, send: (c, cl) => cl.get('/health/ready') },
  'POST /api/auth/sign-in': {
    allowed: 'PUBLIC',
    scope: 'none',
    ok: 200,
    send: (c, cl) => c.t.http.post('/api/auth/sign-in').send({ username: cl.username, password: TEST_PASSWORD }),
  },
  'POST /api/auth/sign-out': {
    allowed: ROLES,
    scope: 'none',
    ok: 200,
    // A session of its own, so the client under test stays signed in.
    send: async (c, cl) => {
      const signIn = await c.t.http.post('/api/auth/sign-in').send({ username: cl.username, password: TEST_PASSWORD });
      const cookie = (signIn.headers['set-cookie'] as unknown as string[]).map((x) => x.split(';')[0]).join('; ');
      return c.t.http.post('/api/auth/sign-out').set('Cookie', cookie).set('X-CSRF-Token', signIn.body.csrfToken);
    },
  },
  'GET /api/auth/me': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/auth/me') },
  'POST /api/auth/password': {
    allowed: ROLES,
    scope: 'none',
    ok: 400, // reaching the handler is the point: a wrong current password is refused there, changing nothing
    send: (c, cl) => cl.post('/api/auth/password').send({ currentPassword: 'sai-mat-khau-roi', newPassword: 'mat-khau-moi-dai-2025' }),
  },
  'POST /api/accounts': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 201,
    send: (c, cl) => cl.post('/api/accounts').send({ username: `tk${Math.random().toString(36).slice(2, 10)}`, displayName: 'Người mới', role: 'AUDITOR', password: TEST_PASSWORD }),
  },
  'GET /api/accounts': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/accounts') },
  'GET /api/accounts/{id}': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: async (c, cl) => cl.get(`/api/accounts/${await throwawayAccount(c)}`) },
  'POST /api/accounts/{id}/disable': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: async (c, cl) => cl.post(`/api/accounts/${await throwawayAccount(c)}/disable`) },
  'POST /api/accounts/{id}/enable': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: async (c, cl) => cl.post(`/api/accounts/${await throwawayAccount(c)}/enable`) },
  'POST /api/accounts/{id}/clear-sign-in-throttle': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: async (c, cl) => cl.post(`/api/accounts/${await throwawayAccount(c)}/clear-sign-in-throttle`) },
  'POST /api/accounts/{id}/password': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => cl.post(`/api/accounts/${await throwawayAccount(c)}/password`).send({ password: 'mat-khau-dat-lai-2025' }),
  },
  'POST /api/accounts/{id}/role': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => cl.post(`/api/accounts/${await throwawayAccount(c)}/role`).send({ role: 'COUNCIL_SECRETARY', unitId: c.t.provinceId }),
  },
  'GET /api/dashboards/office': { allowed: READERS, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/dashboards/office') },
  'GET /api/dashboards/audit': { allowed: ['AUDITOR'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/dashboards/audit') },
  'POST /api/accounts/{id}/email': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => cl.post(`/api/accounts/${await throwawayAccount(c)}/email`).send({ email: 'thu-nghiem@bacninh.gov.vn' }),
  },
  'GET /api/notifications': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/notifications') },
  'POST /api/notifications/read': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.post('/api/notifications/read').send({ all: true }) },
  'GET /api/notifications/preferences': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/notifications/preferences') },
  'POST /api/notifications/preferences': {
    allowed: ROLES,
    scope: 'none',
    ok: 200,
    send: (c, cl) => cl.post('/api/notifications/preferences').send({ preferences: [{ kind: 'DECISION_ISSUED', mail: 'DIGEST' }] }),
  },
  'GET /api/notifications/mail': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/notifications/mail?status=FAILED') },
  'POST /api/notifications/mail/{id}/retry': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      // An undeliverable message of a throwaway account, as the sender leaves one.
      const id = crypto.randomUUID();
      await c.t.admin.query(
        `INSERT INTO mail_message (id, account_id, to_address, subject, text_body, html_body, notification_ids, status, attempts, last_error, created_at, sent_at, updated_at)
         VALUES ($1, $2, 'khong-ton-tai@bacninh.gov.vn', 'Thử', 'Thử', '<p>Thử</p>', '[]', 'FAILED', 1, '550 No such mailbox', now(), NULL, now())`,
        [id, await throwawayAccount(c)],
      );
      return cl.post(`/api/notifications/mail/${id}/retry`);
    },
  },
  'POST /api/units': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 201,
    send: (c, cl, target) => cl.post('/api/units').send({ name: 'Đơn vị mới', level: 'GRASSROOTS', sector: 'STATE', parentId: c.unitOf(target) }),
  },
  'GET /api/units': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/units') },
  'GET /api/units/{id}': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl, target) => cl.get(`/api/units/${c.unitOf(target)}`) },
  'PATCH /api/units/{id}': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 200,
    send: async (c, cl, target) => {
      const unit = await newUnit(c.t, { parentId: c.unitOf(target), name: 'Đơn vị đổi tên' });
      return cl.patch(`/api/units/${unit.id}`).send({ name: 'Tên mới', expectedVersion: unit.version });
    },
  },
  'POST /api/candidates': {
    allowed: ['UNIT_HEAD'],
    scope: 'nominate',
    ok: 201,
    send: (c, cl, target) =>
      cl.post('/api/candidates').send({ kind: 'INDIVIDUAL', name: 'Lê Thị Hồng', unitId: c.unitOf(target), field: 'HEALTH', year: 2025, discoveryChannel: 'MEDIA', achievement: 'Cứu người.' }),
  },
  'GET /api/candidates': { allowed: READERS, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/candidates') },
  'GET /api/candidates/{id}': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}`) },
  'POST /api/candidates/{id}/events': {
    allowed: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
    scope: 'candidate',
    ok: 200,
    send: async (c, cl, target, role) => {
      // Each role sends an event it may send, to a candidate in a state that takes it.
      if (role === 'COUNCIL_SECRETARY') {
        const cand = await candidateIn(c, target, 'recognised');
        return cl.post(`/api/candidates/${cand.id}/events`).send({ type: 'START_REPLICATION', expectedVersion: cand.version, payload: {} });
      }
      const cand = await candidateIn(c, target);
      return cl.post(`/api/candidates/${cand.id}/events`).send({ type: 'START_NURTURING', expectedVersion: cand.version, payload: { goals: 'Mục tiêu', supporter: 'Phòng Nội vụ' } });
    },
  },
  'GET /api/candidates/{id}/nurturing': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}/nurturing`) },
  'POST /api/candidates/{id}/evidence': {
    allowed: ['UNIT_HEAD'],
    scope: 'candidate',
    ok: 201,
    send: async (c, cl, target) =>
      cl.post(`/api/candidates/${(await candidateIn(c, target)).id}/evidence`).attach('file', pdfBytes(), { filename: 'minh-chung.pdf', contentType: 'application/pdf' }),
  },
  'GET /api/candidates/{id}/evidence': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}/evidence`) },
  'GET /api/candidates/{id}/evidence/{evidenceId}': {
    allowed: READERS,
    scope: 'candidate',
    ok: 200,
    send: async (c, cl, target) => {
      const cand = await candidateIn(c, target, 'underReview');
      const [file] = (await c.t.dataSource.query('SELECT id FROM evidence_file WHERE candidate_id = $1', [cand.id])) as { id: string }[];
      return cl.get(`/api/candidates/${cand.id}/evidence/${file!.id}`);
    },
  },
  'GET /api/candidates/{id}/holds': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}/holds`) },
  'POST /api/candidates/{id}/holds': {
    allowed: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
    scope: 'candidate',
    ok: 201,
    send: async (c, cl, target) => {
      const cand = await candidateIn(c, target);
      return cl.post(`/api/candidates/${cand.id}/holds`).send({ ...HOLD_FORM, kind: 'DISCIPLINE', grounds: 'Đang xem xét kỷ luật' });
    },
  },
  'POST /api/candidates/{id}/holds/{holdId}/lift': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'candidate',
    ok: 201,
    send: async (c, cl, target) => {
      const { candidateId, holdId } = await heldCandidate(c, target);
      return cl.post(`/api/candidates/${candidateId}/holds/${holdId}/lift`).send({ ...HOLD_FORM, conclusion: 'Không có vi phạm' });
    },
  },
  'GET /api/candidates/{id}/holds/{holdId}/document': {
    allowed: READERS,
    scope: 'candidate',
    ok: 200,
    send: async (c, cl, target) => {
      const { candidateId, holdId } = await heldCandidate(c, target, true);
      return cl.get(`/api/candidates/${candidateId}/holds/${holdId}/document`);
    },
  },
  'GET /api/candidates/{id}/holds/{holdId}/lift-document': {
    allowed: READERS,
    scope: 'candidate',
    ok: 200,
    send: async (c, cl, target) => {
      const { candidateId, holdId } = await heldCandidate(c, target, true);
      return cl.get(`/api/candidates/${candidateId}/holds/${holdId}/lift-document`);
    },
  },
  'GET /api/audit/verify': { allowed: ['AUDITOR'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/audit/verify') },
  'POST /api/audit/verify': { allowed: ['AUDITOR'], scope: 'none', ok: 200, send: (c, cl) => cl.post('/api/audit/verify').send({}) },
  'GET /api/audit/checkpoints': { allowed: ['AUDITOR'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/audit/checkpoints') },
  'GET /api/audit/checkpoints/latest': {
    allowed: ['AUDITOR'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      await c.t.running.app.get(AuditCheckpoints).build();
      return cl.get('/api/audit/checkpoints/latest');
    },
  },
  'GET /api/audit/checkpoints/consistency': {
    allowed: ['AUDITOR'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      await c.t.running.app.get(AuditCheckpoints).build();
      return cl.get('/api/audit/checkpoints/consistency?from=1');
    },
  },
  'POST /api/audit/checkpoints': {
    allowed: ['AUDITOR', 'ADMIN'],
    scope: 'none',
    ok: 201,
    // A new record first, so that there is always something for the checkpoint to cover.
    send: async (c, cl, target) => {
      await newUnit(c.t, { parentId: c.unitOf(target), name: 'Đơn vị cho điểm kiểm' });
      return cl.post('/api/audit/checkpoints');
    },
  },
  'GET /api/audit/records': { allowed: ['AUDITOR'], scope: 'none', ok: 200, send: (c, cl, target) => cl.get(`/api/audit/records?unitId=${c.unitOf(target)}`) },
  'GET /api/audit/export': { allowed: ['AUDITOR'], scope: 'none', ok: 200, send: (c, cl, target) => cl.get(`/api/audit/export?unitId=${c.unitOf(target)}`) },
  'GET /api/candidates/{id}/history': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}/history`) },
  'GET /api/candidates/{id}/replication': {
    allowed: READERS,
    scope: 'candidate',
    ok: 200,
    send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target, 'recognised')).id}/replication`),
  },
  'GET /api/replication/spread': { allowed: READERS, scope: 'unit', ok: 200, send: (c, cl, target) => cl.get(`/api/replication/spread?unitId=${c.unitOf(target)}`) },
  'GET /api/unit-plans': { allowed: READERS, scope: 'unit', ok: 200, send: (c, cl, target) => cl.get(`/api/unit-plans?year=2025&unitId=${c.unitOf(target)}`) },
  'GET /api/units/{unitId}/plans/{year}': {
    allowed: READERS,
    scope: 'unit',
    ok: 200,
    send: async (c, cl, target) => {
      // Written by the province's unit head, who reaches every unit.
      expect((await writeUnitPlan(c.t, c.unitOf(target), 2025, {}, UNIT_HEAD)).status).toBe(201);
      return cl.get(`/api/units/${c.unitOf(target)}/plans/2025`);
    },
  },
  'POST /api/units/{unitId}/plans/{year}': {
    allowed: ['UNIT_HEAD'],
    scope: 'unit',
    ok: 201,
    send: async (c, cl, target) => {
      const unit = await newUnit(c.t, { parentId: c.unitOf(target), name: 'Xã có kế hoạch' });
      return cl.post(`/api/units/${unit.id}/plans/2025`).send({ expectedRevision: 0, buildingPlan: 'Xây dựng điển hình', replicationPlan: 'Nhân rộng mô hình' });
    },
  },
  'GET /api/unit-imports/template': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/unit-imports/template') },
  'POST /api/unit-imports/preview': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 200,
    send: (c, cl) => cl.post('/api/unit-imports/preview').attach('file', freshUnitList(), { filename: 'don-vi.csv', contentType: 'text/csv' }),
  },
  'POST /api/unit-imports': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const file = freshUnitList();
      const preview = await c.t.as(ADMIN).post('/api/unit-imports/preview').attach('file', file, { filename: 'don-vi.csv', contentType: 'text/csv' });
      expect(preview.status).toBe(200);
      return cl.post('/api/unit-imports').field('planDigest', preview.body.planDigest).attach('file', file, { filename: 'don-vi.csv', contentType: 'text/csv' });
    },
  },
  'GET /api/unit-imports': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/unit-imports') },
  'GET /api/statistics/exemplars-by-unit': {
    allowed: STATISTICS_READERS,
    scope: 'unit',
    ok: 200,
    send: (c, cl, target) => cl.get(`/api/statistics/exemplars-by-unit?basis=TODAY&unitId=${c.unitOf(target)}`),
  },
  'GET /api/candidates/{id}/units': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}/units`) },
  'GET /api/units/{id}/timeline': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl, target) => cl.get(`/api/units/${c.unitOf(target)}/timeline`) },
  'GET /api/unit-reorganisations': { allowed: ROLES, scope: 'none', ok: 200, send: (_c, cl) => cl.get('/api/unit-reorganisations') },
  'POST /api/unit-reorganisations/preview': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 200,
    send: async (c, cl, target) => {
      const unit = await newUnit(c.t, { parentId: c.unitOf(target), name: 'Đơn vị xem trước' });
      return cl.post('/api/unit-reorganisations/preview').send({ kind: 'RENAME', unitId: unit.id, name: 'Tên mới', effectiveOn: '2025-07-01', documentNumber: '1/QĐ', documentDate: '2025-06-01', documentAuthority: 'UBND tỉnh' });
    },
  },
  'POST /api/unit-reorganisations': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 201,
    send: async (c, cl, target) => {
      const unit = await newUnit(c.t, { parentId: c.unitOf(target), name: 'Đơn vị đổi tên theo văn bản' });
      return cl.post('/api/unit-reorganisations').send({ kind: 'RENAME', unitId: unit.id, name: 'Tên mới', effectiveOn: '2025-07-01', documentNumber: '1/QĐ', documentDate: '2025-06-01', documentAuthority: 'UBND tỉnh' });
    },
  },
  'GET /api/statistics/exemplars': { allowed: STATISTICS_READERS, scope: 'unit', ok: 200, send: (c, cl, target) => cl.get(`/api/statistics/exemplars?unitId=${c.unitOf(target)}`) },
  'GET /api/statistics/exemplars/xlsx': { allowed: STATISTICS_READERS, scope: 'unit', ok: 200, send: (c, cl, target) => cl.get(`/api/statistics/exemplars/xlsx?unitId=${c.unitOf(target)}`) },
  'GET /api/statistics/exemplars/csv': { allowed: STATISTICS_READERS, scope: 'unit', ok: 200, send: (c, cl, target) => cl.get(`/api/statistics/exemplars/csv?unitId=${c.unitOf(target)}`) },
  'POST /api/statistics/imports': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: (c, cl) => cl.post('/api/statistics/imports').attach('file', freshStatisticsFile(), { filename: 'lich-su.csv', contentType: 'text/csv' }),
  },
  'GET /api/statistics/imports': { allowed: IMPORT_READERS, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/statistics/imports') },
  'GET /api/statistics/imports/{id}': {
    allowed: IMPORT_READERS,
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      const created = await importStatistics(c.t, freshStatisticsFile());
      expect(created.status).toBe(201);
      return cl.get(`/api/statistics/imports/${created.body.import.id}`);
    },
  },
  'POST /api/statistics/imports/{id}/jurisdiction': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const created = await importStatistics(c.t, freshStatisticsFile());
      expect(created.status).toBe(201);
      return cl.post(`/api/statistics/imports/${created.body.import.id}/jurisdiction`).send({ jurisdiction: 'Tỉnh cũ' });
    },
  },
  'POST /api/statistics/series-events': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: (c, cl) =>
      cl.post('/api/statistics/series-events').send({ kind: 'MERGER', effectiveDate: '2025-07-01', predecessors: ['Tỉnh A', 'Tỉnh B'], successor: 'Tỉnh C', documentNumber: '1/NQ', documentDate: '2025-06-12', documentAuthority: 'Quốc hội' }),
  },
  'GET /api/statistics/series-events': { allowed: STATISTICS_READERS, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/statistics/series-events') },
  'POST /api/movements': {
    allowed: MOVEMENT_RUNNERS,
    scope: 'unit',
    ok: 201,
    send: (c, cl, target) => cl.post('/api/movements').send({ ...MOVEMENT, launchingUnitId: c.unitOf(target) }),
  },
  'GET /api/movements': { allowed: READERS, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/movements') },
  'GET /api/movements/{id}': { allowed: READERS, scope: 'movement', ok: 200, send: async (c, cl, target) => cl.get(`/api/movements/${(await movementOf(c, target)).id}`) },
  'POST /api/movements/{id}/start': {
    allowed: MOVEMENT_RUNNERS,
    scope: 'movement',
    ok: 200,
    send: async (c, cl, target) => {
      const m = await movementOf(c, target);
      return cl.post(`/api/movements/${m.id}/start`).send({ expectedVersion: m.version });
    },
  },
  'POST /api/movements/{id}/reviews': {
    allowed: MOVEMENT_RUNNERS,
    scope: 'movement',
    ok: 201,
    send: async (c, cl, target) => {
      const m = await movementOf(c, target, 'RUNNING');
      return cl.post(`/api/movements/${m.id}/reviews`).send({ ...REVIEW, kind: 'INTERIM', expectedVersion: m.version });
    },
  },
  'POST /api/movements/{id}/revisions': {
    allowed: MOVEMENT_RUNNERS,
    scope: 'movement',
    ok: 200,
    send: async (c, cl, target) => {
      const m = await movementOf(c, target);
      return cl.post(`/api/movements/${m.id}/revisions`).send({ expectedVersion: m.version, reason: 'Gia hạn', periodTo: '2026-12-31' });
    },
  },
  'POST /api/movements/{id}/documents': {
    allowed: MOVEMENT_RUNNERS,
    scope: 'movement',
    ok: 201,
    send: async (c, cl, target) => {
      const m = await movementOf(c, target);
      return cl.post(`/api/movements/${m.id}/documents`).field('expectedVersion', String(m.version)).attach('file', pdfBytes('ke hoach'), { filename: 'ke-hoach.pdf', contentType: 'application/pdf' });
    },
  },
  'GET /api/movements/{id}/documents/{documentId}': {
    allowed: READERS,
    scope: 'movement',
    ok: 200,
    send: async (c, cl, target) => {
      const m = await movementOf(c, target);
      const up = await c.t.as(SECRETARY).post(`/api/movements/${m.id}/documents`).field('expectedVersion', String(m.version)).attach('file', pdfBytes('ke hoach'), { filename: 'ke-hoach.pdf', contentType: 'application/pdf' });
      expect(up.status).toBe(201);
      return cl.get(`/api/movements/${m.id}/documents/${up.body.document.id}`);
    },
  },
  'POST /api/movements/{id}/registrations': {
    allowed: MOVEMENT_RUNNERS,
    scope: 'movement',
    ok: 201,
    send: async (c, cl, target) => {
      const m = await movementOf(c, target);
      const unit = await newUnit(c.t, { parentId: c.unitOf(target), name: 'Xã đăng ký tham gia' });
      return cl.post(`/api/movements/${m.id}/registrations`).send({ unitId: unit.id, targets: 'Xây dựng 2 điển hình' });
    },
  },
  'POST /api/movements/{id}/registrations/{registrationId}/amend': {
    allowed: MOVEMENT_RUNNERS,
    scope: 'movement',
    ok: 201,
    send: async (c, cl, target) => {
      const r = await registrationOf(c, target);
      return cl.post(`/api/movements/${r.movementId}/registrations/${r.id}/amend`).send({ targets: 'Xây dựng 3 điển hình' });
    },
  },
  'POST /api/movements/{id}/registrations/{registrationId}/withdraw': {
    allowed: MOVEMENT_RUNNERS,
    scope: 'movement',
    ok: 201,
    send: async (c, cl, target) => {
      const r = await registrationOf(c, target);
      return cl.post(`/api/movements/${r.movementId}/registrations/${r.id}/withdraw`).send({ reason: 'Sáp nhập' });
    },
  },
  'POST /api/candidates/{id}/movements': {
    allowed: ['UNIT_HEAD'],
    scope: 'candidate',
    ok: 200,
    send: async (c, cl, target) => {
      const [cand, m] = [await candidateIn(c, target), await movementOf(c, target)];
      return cl.post(`/api/candidates/${cand.id}/movements`).send({ movementId: m.id });
    },
  },
  'GET /api/candidates/{id}/movements': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}/movements`) },
  'GET /api/lookup': { allowed: READERS, scope: 'unit', ok: 200, send: (c, cl, target) => cl.get(`/api/lookup?q=ho&unitId=${c.unitOf(target)}`) },
  'GET /api/lookup/subjects/{candidateId}': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/lookup/subjects/${(await candidateIn(c, target)).id}`) },
  'GET /api/criteria-sets': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/criteria-sets') },
  'POST /api/criteria-sets/{code}/versions': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 201,
    send: (c, cl) =>
      cl.post('/api/criteria-sets/INDIVIDUAL_HOUSEHOLD/versions').send({ criteria: [{ code: 'I1_COMPLIANCE', vi: 'Chấp hành tốt chủ trương, chính sách', en: 'Compliance' }, { code: 'I2_EXEMPLARY_CREATIVE', vi: 'Gương mẫu, sáng tạo', en: 'Exemplary' }, { code: 'I3_SOLIDARITY_SOCIAL', vi: 'Tương thân tương ái', en: 'Solidarity' }] }),
  },
  'GET /api/council-rule-sets': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/council-rule-sets') },
  'GET /api/council-rule-sets/presets': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/council-rule-sets/presets') },
  'POST /api/council-rule-sets': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 201,
    send: (c, cl) => cl.post('/api/council-rule-sets').send({ code: 'MA_TRAN', name: { vi: 'Ma trận', en: 'Matrix' }, source: { vi: 'Thử', en: 'Test' }, rules: REGULATION_2025_PRESET.ruleSet }),
  },
  'POST /api/review-sessions/{id}/written-opinions': { allowed: ['COUNCIL_SECRETARY'], scope: 'none', ok: 201, send: async (c, cl) => sendWrittenOpinion(cl, await writtenOpinionSession(c)) },
  'GET /api/review-sessions/{id}/written-opinions/{opinionId}': {
    allowed: COUNCIL_READERS,
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      const o = await writtenOpinion(c);
      return cl.get(`/api/review-sessions/${o.sessionId}/written-opinions/${o.opinionId}`);
    },
  },
  'POST /api/review-sessions/{id}/items/{itemId}/casting-vote': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const s = await tiedSession(c);
      return cl.post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/casting-vote`).send({ choice: 'FOR' });
    },
  },
  'GET /api/jurisdiction-profiles': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/jurisdiction-profiles') },
  'GET /api/jurisdiction-profiles/current': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/jurisdiction-profiles/current') },
  'GET /api/jurisdiction-profiles/{version}': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/jurisdiction-profiles/1') },
  'POST /api/jurisdiction-profiles': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 201,
    send: (c, cl) => cl.post('/api/jurisdiction-profiles').send({ effectiveFrom: c.t.running.app.get(Clock).today(), content: BAC_NINH_WITH_REGULATION }),
  },
  'GET /api/instance': { allowed: 'PUBLIC', scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/instance') },
  'GET /api/rehearsal-clock': { allowed: ['ADMIN', 'AUDITOR'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/rehearsal-clock') },
  // Clearing an already clear clock: recorded and audited, and leaves the other rows' dates alone.
  'POST /api/rehearsal-clock': { allowed: ['ADMIN'], scope: 'none', ok: 201, send: (c, cl) => cl.post('/api/rehearsal-clock').send({ mode: 'OFF' }) },
  'GET /api/backups': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/backups') },
  'GET /api/backups/archives/{file}': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 404, // reaching the handler is the point: a name the backup folder does not list is not found, never read
    okNotFoundCode: 'BACKUP_ARCHIVE_NOT_FOUND',
    send: (c, cl) => cl.get('/api/backups/archives/dth-khong-co.dthbak'),
  },
  'POST /api/backups': { allowed: ['ADMIN'], scope: 'none', ok: 201, send: (c, cl) => cl.post('/api/backups').send({ passphrase: 'mật khẩu sao lưu ma trận' }) },
  'GET /api/councils': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/councils') },
  'POST /api/councils': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 201,
    send: async (c, cl, target) => {
      // A unit of its own each time: one council per unit.
      const unit = await c.t.as(ADMIN).post('/api/units').send({ name: 'Xã mới', level: 'GRASSROOTS', sector: 'LOCALITY', parentId: c.unitOf(target) });
      return cl.post('/api/councils').send({ unitId: unit.body.id });
    },
  },
  'GET /api/councils/mine': { allowed: ['COUNCIL_MEMBER', 'COUNCIL_SECRETARY'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/councils/mine') },
  'GET /api/councils/{id}': { allowed: ROLES, scope: 'none', ok: 200, send: async (c, cl) => cl.get(`/api/councils/${await provinceCouncilId(c)}`) },
  'POST /api/councils/{id}/compositions': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => cl.post(`/api/councils/${await provinceCouncilId(c)}/compositions`).send({ members: [{ accountId: councilMemberId, position: 'CHAIR' }], secretariat: [] }),
  },
  'GET /api/upward-proposals': { allowed: READERS, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/upward-proposals') },
  // Past the guard and the candidate's reach, the province's exemplar has no parent council to go to (422); the
  // whole path from a commune council to the province's is test/councils.e2e-spec.ts.
  'POST /api/candidates/{id}/upward-proposals': {
    allowed: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
    scope: 'candidate',
    ok: 422,
    send: async (c, cl, target) => cl.post(`/api/candidates/${(await candidateIn(c, target, 'recognised')).id}/upward-proposals`).send({ reasons: 'Điển hình tiêu biểu' }),
  },
  'GET /api/statistics/recognitions-by-level': { allowed: STATISTICS_READERS, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/statistics/recognitions-by-level?year=2025') },
  'GET /api/review-sessions': { allowed: COUNCIL_READERS, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/review-sessions') },
  'POST /api/review-sessions': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: (c, cl) => cl.post('/api/review-sessions').send({ title: 'Tổng kết năm 2025', year: 2025, chairName: 'Chủ tọa', ballot: 'OPEN', memberIds: [councilMemberId] }),
  },
  'GET /api/review-sessions/{id}': { allowed: COUNCIL_READERS, scope: 'none', ok: 200, send: async (c, cl) => cl.get(`/api/review-sessions/${(await sessionAt(c, 'preparing')).sessionId}`) },
  'POST /api/review-sessions/{id}/items': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const { sessionId } = await sessionAt(c, 'preparing');
      return cl.post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: (await candidateIn(c, 'own', 'underReview')).id });
    },
  },
  'POST /api/review-sessions/{id}/items/{itemId}/assignments': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      const s = await sessionAt(c, 'preparing');
      return cl.post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/assignments`).send({ reviewerIds: [councilMemberId] });
    },
  },
  'POST /api/review-sessions/{id}/assignments/automatic': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => cl.post(`/api/review-sessions/${(await sessionAt(c, 'preparing')).sessionId}/assignments/automatic`).send({ perCandidate: 1 }),
  },
  'POST /api/review-sessions/{id}/items/{itemId}/checklists': {
    allowed: ['COUNCIL_MEMBER'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const s = await sessionAt(c, 'assigned');
      const criteria = (await c.t.as(SECRETARY).get(`/api/review-sessions/${s.sessionId}`)).body.items[0].criteria as { code: string }[];
      return cl.post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/checklists`).send({ marks: criteria.map((x) => ({ criterionCode: x.code, met: true, comment: 'Đạt' })) });
    },
  },
  'POST /api/review-sessions/{id}/voting/open': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => cl.post(`/api/review-sessions/${(await sessionAt(c, 'checked')).sessionId}/voting/open`).send({ presentMemberIds: [councilMemberId] }),
  },
  'POST /api/review-sessions/{id}/items/{itemId}/votes': {
    allowed: ['COUNCIL_MEMBER'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const s = await sessionAt(c, 'voting');
      return cl.post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/votes`).send({ choice: 'ABSTAIN' });
    },
  },
  'POST /api/review-sessions/{id}/items/{itemId}/ballots/verify': {
    allowed: ['COUNCIL_MEMBER'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      const s = await sessionAt(c, 'voted');
      return cl.post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/ballots/verify`).send({ receipt: s.receipt });
    },
  },
  'GET /api/review-sessions/{id}/items/{itemId}/ballots': {
    allowed: COUNCIL_READERS,
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      const s = await sessionAt(c, 'closed');
      return cl.get(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/ballots`);
    },
  },
  'POST /api/review-sessions/{id}/voting/close': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => cl.post(`/api/review-sessions/${(await sessionAt(c, 'voted')).sessionId}/voting/close`),
  },
  'GET /api/review-sessions/{id}/clearances': {
    allowed: COUNCIL_READERS,
    scope: 'none',
    ok: 200,
    send: async (c, cl) => cl.get(`/api/review-sessions/${(await sessionAt(c, 'preparing')).sessionId}/clearances`),
  },
  'POST /api/review-sessions/{id}/items/{itemId}/clearances': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    // A session of its own each time: an agency is asked once per candidate and session.
    send: async (c, cl) => {
      const s = await buildSessionAt(c, 'preparing');
      return cl.post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/clearances`).send({ agencyCodes: ['CONG_AN_TINH'] });
    },
  },
  'POST /api/review-sessions/{id}/clearances/{requestId}/answer': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const s = await buildSessionAt(c, 'preparing');
      const asked = await c.t.as(SECRETARY).post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/clearances`).send({ agencyCodes: ['THUE_TINH'] });
      expect(asked.status).toBe(201);
      return cl.post(`/api/review-sessions/${s.sessionId}/clearances/${asked.body[0].id}/answer`).send({ answer: 'AGREES', documentNumber: '12/TCT', documentDate: c.t.running.app.get(Clock).today() });
    },
  },
  'GET /api/review-sessions/{id}/clearances/{requestId}/document': {
    allowed: COUNCIL_READERS,
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      const { sessionId, requestId } = await once(c, 'clearance:document', async () => {
        const s = await buildSessionAt(c, 'preparing');
        const sec = c.t.as(SECRETARY);
        const asked = await sec.post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/clearances`).send({ agencyCodes: ['BHXH_TINH'] });
        const answered = await sec
          .post(`/api/review-sessions/${s.sessionId}/clearances/${asked.body[0].id}/answer`)
          .field('answer', 'AGREES')
          .field('documentNumber', '7/BHXH')
          .field('documentDate', c.t.running.app.get(Clock).today())
          .attach('file', pdfBytes('hiep y'), { filename: 'hiep-y.pdf', contentType: 'application/pdf' });
        expect(answered.status).toBe(201);
        return { sessionId: s.sessionId, requestId: asked.body[0].id as string };
      });
      return cl.get(`/api/review-sessions/${sessionId}/clearances/${requestId}/document`);
    },
  },
  'POST /api/review-sessions/{id}/items/{itemId}/decision': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      const s = await sessionAt(c, 'closed');
      return cl.post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/decision`).send({ outcome: 'RECOGNISE' });
    },
  },
  'POST /api/review-sessions/{id}/notice': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => cl.post(`/api/review-sessions/${(await sessionAt(c, 'decided')).sessionId}/notice`).send({ channels: 'Cổng thông tin' }),
  },
  'POST /api/review-sessions/{id}/notice/comments': {
    allowed: ['COUNCIL_SECRETARY', 'UNIT_HEAD'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => cl.post(`/api/review-sessions/${(await sessionAt(c, 'noticed')).sessionId}/notice/comments`).send({ author: 'UBND xã', body: 'Đồng tình với danh sách' }),
  },
  'POST /api/review-sessions/{id}/notice/comments/{commentId}/answer': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const s = await sessionAt(c, 'commented');
      return cl.post(`/api/review-sessions/${s.sessionId}/notice/comments/${s.commentId}/answer`).send({ body: 'Cảm ơn', upheld: false });
    },
  },
  'POST /api/review-sessions/{id}/items/{itemId}/drop': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      const s = await sessionAt(c, 'answered');
      return cl.post(`/api/review-sessions/${s.sessionId}/items/${s.itemId}/drop`).send({ reasons: 'Phản ánh đúng', commentIds: [s.commentId] });
    },
  },
  'POST /api/review-sessions/{id}/finalise': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 200,
    // Voting closed with no vote: no decision, so the session can close at once.
    send: async (c, cl) => {
      const s = await sessionAt(c, 'checked');
      await c.t.as(SECRETARY).post(`/api/review-sessions/${s.sessionId}/voting/open`).send({ presentMemberIds: [] });
      await c.t.as(SECRETARY).post(`/api/review-sessions/${s.sessionId}/voting/close`);
      return cl.post(`/api/review-sessions/${s.sessionId}/finalise`);
    },
  },
  'GET /api/review-sessions/{id}/notice/public-comments': {
    allowed: ['COUNCIL_SECRETARY', 'AUDITOR'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => cl.get(`/api/review-sessions/${(await publicCommentIn(c)).sessionId}/notice/public-comments`),
  },
  'POST /api/review-sessions/{id}/notice/public-comments/{publicCommentId}/moderation': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const p = await publicCommentIn(c);
      return cl.post(`/api/review-sessions/${p.sessionId}/notice/public-comments/${p.publicCommentId}/moderation`).send({ decision: 'ACCEPTED' });
    },
  },
  'GET /api/review-sessions/{id}/notice/public-comments/{publicCommentId}/attachment': {
    allowed: ['COUNCIL_SECRETARY', 'AUDITOR'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      const p = await publicCommentIn(c);
      return cl.get(`/api/review-sessions/${p.sessionId}/notice/public-comments/${p.publicCommentId}/attachment`);
    },
  },
  'POST /api/review-sessions/{id}/notice/comments/{commentId}/answer/publication': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const s = await sessionAt(c, 'answered');
      return cl.post(`/api/review-sessions/${s.sessionId}/notice/comments/${s.commentId}/answer/publication`);
    },
  },
  'GET /api/review-sessions/{id}/minutes.pdf': { allowed: COUNCIL_READERS, scope: 'none', ok: 200, send: async (c, cl) => cl.get(`/api/review-sessions/${(await sessionAt(c, 'closed')).sessionId}/minutes.pdf`) },
  'GET /api/candidates/{id}/reviews': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}/reviews`) },
  'GET /api/council/my-work': { allowed: ['COUNCIL_MEMBER'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/council/my-work') },
  'GET /api/decisions': {
    allowed: DECISION_READERS,
    scope: 'public',
    ok: 200,
    // Every role sees the decision about the other unit's candidate too.
    send: async (c, cl, target) => {
      const d = await sharedDecision(c, target);
      const res = await cl.get('/api/decisions');
      if (res.status === 200) expect((res.body as { id: string }[]).map((x) => x.id)).toContain(d.id);
      return res;
    },
  },
  'GET /api/document-registers': { allowed: DECISION_READERS, scope: 'none', ok: 200, send: async (c, cl) => (await sharedDraft(c), cl.get('/api/document-registers')) },
  'POST /api/document-registers/{id}/mode': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 200,
    // The register of the provincial council (no other row numbers under it): its mode flips at each call.
    send: async (c, cl) => {
      await once({ ...c, refused: true }, 'council-register', () => draftOf(c, false, 'HDTDKT_TINH'));
      const register = ((await c.t.as(ADMIN).get('/api/document-registers')).body as { id: string; authority: { code: string }; mode: string; version: number }[]).find((r) => r.authority.code === 'HDTDKT_TINH')!;
      return cl.post(`/api/document-registers/${register.id}/mode`).send({ mode: register.mode === 'COUNTER' ? 'CLERK_ENTERED' : 'COUNTER', expectedVersion: register.version });
    },
  },
  'GET /api/decision-drafts': { allowed: DRAFT_READERS, scope: 'none', ok: 200, send: async (c, cl) => (await sharedDraft(c), cl.get('/api/decision-drafts')) },
  'POST /api/decision-drafts': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const sessionId = await closedSession(c);
      return laterFor(c, () => cl.post('/api/decision-drafts').send({ ...DECISION_SIGNER, sessionId }));
    },
  },
  'GET /api/decision-drafts/{id}': { allowed: DRAFT_READERS, scope: 'none', ok: 200, send: async (c, cl) => cl.get(`/api/decision-drafts/${(await sharedDraft(c)).id}`) },
  'GET /api/decision-drafts/{id}/pdf': { allowed: DRAFT_READERS, scope: 'none', ok: 200, send: async (c, cl) => cl.get(`/api/decision-drafts/${(await sharedDraft(c)).id}/pdf`) },
  'GET /api/decision-drafts/{id}/docx': { allowed: DRAFT_READERS, scope: 'none', ok: 200, send: async (c, cl) => cl.get(`/api/decision-drafts/${(await sharedDraft(c)).id}/docx`) },
  'POST /api/decision-drafts/{id}/number': {
    allowed: ['CLERK'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      const draft = await once(c, 'draft-to-number', () => draftOf(c, false));
      return laterFor(c, async () => {
        const issuedOn = c.t.running.app.get(Clock).today();
        return cl.post(`/api/decision-drafts/${draft.id}/number`).send({ issuedOn, number: await nextFreeNumber(c.t, 'UBND_TINH', Number(issuedOn.slice(0, 4))) });
      });
    },
  },
  'POST /api/decision-drafts/{id}/issue': {
    allowed: ['CLERK'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const draft = await once(c, 'draft-to-issue', () => draftOf(c, true));
      return laterFor(c, () => cl.post(`/api/decision-drafts/${draft.id}/issue`).send({}));
    },
  },
  'POST /api/decision-drafts/{id}/abandon': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 200,
    // A correction draft of a decision of its own; refused requests share one, which stays open.
    send: async (c, cl) => {
      const draft = await once(c, 'draft-to-abandon', async () => {
        const d = await buildIssuedDecision(c, 'own');
        const res = await laterFor(c, () => c.t.as(SECRETARY).post(`/api/decisions/${d.id}/corrections`).send({ ...DECISION_SIGNER, reasons: 'Sai tên', recipients: [{ candidateId: d.candidateId, name: 'Tên đúng' }] }));
        expect(res.status).toBe(201);
        return { id: res.body.id as string };
      });
      return laterFor(c, () => cl.post(`/api/decision-drafts/${draft.id}/abandon`).send({ reason: 'Lập nhầm người' }));
    },
  },
  'GET /api/decisions/{id}/certificates.pdf': { allowed: DECISION_READERS, scope: 'public', ok: 200, send: async (c, cl, target) => cl.get(`/api/decisions/${(await sharedDecision(c, target)).id}/certificates.pdf`) },
  'GET /api/decisions/{id}': { allowed: DECISION_READERS, scope: 'public', ok: 200, send: async (c, cl, target) => cl.get(`/api/decisions/${(await sharedDecision(c, target)).id}`) },
  'POST /api/decisions/{id}/corrections': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const d = await issuedDecision(c);
      return laterFor(c, () => cl.post(`/api/decisions/${d.id}/corrections`).send({ ...DECISION_SIGNER, reasons: 'Sai tên', recipients: [{ candidateId: d.candidateId, name: 'Tên đúng' }] }));
    },
  },
  'POST /api/decisions/{id}/revocations': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    // A decision of its own: the corrections row leaves a draft naming the shared decision's exemplar open, and a
    // second draft about the same exemplar is refused (AMENDMENT_DRAFT_CONFLICT).
    send: async (c, cl) => {
      const d = await once(c, 'decision:revocation-draft', () => buildIssuedDecision(c, 'own'));
      return laterFor(c, () => cl.post(`/api/decisions/${d.id}/revocations`).send({ ...DECISION_SIGNER, grounds: ['FRAUDULENT_DECLARATION'], reasons: 'Không trung thực' }));
    },
  },
  'GET /api/decisions/{id}/revocation': { allowed: DECISION_READERS, scope: 'none', ok: 200, send: async (c, cl) => cl.get(`/api/decisions/${(await revokedDecision(c)).id}/revocation`) },
  'POST /api/decisions/{id}/recoveries': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: async (c, cl) => {
      const r = await revokedDecision(c);
      return laterFor(c, () => cl.post(`/api/decisions/${r.id}/recoveries`).send({ candidateId: r.candidateId, item: 'CERTIFICATE', quantity: 1, recoveredOn: c.t.running.app.get(Clock).today(), document: 'Biên bản thu hồi số 1' }));
    },
  },
  'GET /api/candidates/{id}/achievement-report': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}/achievement-report`) },
  'POST /api/candidates/{id}/achievement-report': {
    allowed: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
    scope: 'candidate',
    ok: 201,
    send: async (c, cl, target) => {
      const cand = await candidateIn(c, target);
      const [row] = (await c.t.dataSource.query(`SELECT coalesce(max(version), 0)::int AS v FROM achievement_report_version WHERE candidate_id = $1`, [cand.id])) as { v: number }[];
      return cl.post(`/api/candidates/${cand.id}/achievement-report`).send({ expectedVersion: row!.v, content: { profile: 'Lý lịch', achievements: 'Thành tích', methods: '', impact: '', earlierAwards: 'Chưa có.' } });
    },
  },
  'GET /api/candidates/{id}/achievement-report/{format}': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}/achievement-report/pdf`) },
  'GET /api/review-sessions/{id}/dossier/{document}/{format}': { allowed: COUNCIL_READERS, scope: 'none', ok: 200, send: async (c, cl) => cl.get(`/api/review-sessions/${(await sessionAt(c, 'preparing')).sessionId}/dossier/danh-sach/pdf`) },
  'GET /api/decisions/{id}/pdf': { allowed: DECISION_READERS, scope: 'public', ok: 200, send: async (c, cl, target) => cl.get(`/api/decisions/${(await sharedDecision(c, target)).id}/pdf`) },
  'GET /api/decisions/{id}/certificates/{candidateId}/pdf': {
    allowed: DECISION_READERS,
    scope: 'public',
    ok: 200,
    send: async (c, cl, target) => {
      const d = await sharedDecision(c, target);
      return cl.get(`/api/decisions/${d.id}/certificates/${d.candidateId}/pdf`);
    },
  },
  'GET /api/signing': { allowed: DECISION_READERS, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/signing') },
  'GET /api/decisions/{id}/signatures': { allowed: DECISION_READERS, scope: 'public', ok: 200, send: async (c, cl, target) => cl.get(`/api/decisions/${(await sharedDecision(c, target)).id}/signatures`) },
  // Signing changes a decision's documents once: each allowed call signs a decision of its own.
  'POST /api/decisions/{id}/signatures': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'public',
    ok: 201,
    send: async (c, cl, target) => cl.post(`/api/decisions/${(await buildIssuedDecision(c, target)).id}/signatures`),
  },
  'GET /api/decisions/{id}/issued-copy': { allowed: ['COUNCIL_SECRETARY'], scope: 'public', ok: 200, send: async (c, cl, target) => cl.get(`/api/decisions/${(await sharedDecision(c, target)).id}/issued-copy`) },
  'GET /api/decisions/{id}/certificates/{candidateId}/issued-copy': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'public',
    ok: 200,
    send: async (c, cl, target) => {
      const d = await sharedDecision(c, target);
      return cl.get(`/api/decisions/${d.id}/certificates/${d.candidateId}/issued-copy`);
    },
  },
  'POST /api/decisions/{id}/signed-copy': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'public',
    ok: 201,
    send: async (c, cl, target) => {
      // Refused roles are refused before the file is looked at: only the secretariat's calls sign a fresh decision.
      if (cl.username !== SECRETARY) return cl.post(`/api/decisions/${(await sharedDecision(c, target)).id}/signed-copy`).attach('file', pdfBytes(), { filename: 'x.pdf', contentType: 'application/pdf' });
      const d = await buildIssuedDecision(c, target);
      const pdf = await signedCopy(c, `/api/decisions/${d.id}/issued-copy`);
      return cl.post(`/api/decisions/${d.id}/signed-copy`).attach('file', pdf, { filename: 'da-ky.pdf', contentType: 'application/pdf' });
    },
  },
  'POST /api/decisions/{id}/certificates/{candidateId}/signed-copy': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'public',
    ok: 201,
    send: async (c, cl, target) => {
      const shared = await sharedDecision(c, target);
      if (cl.username !== SECRETARY) return cl.post(`/api/decisions/${shared.id}/certificates/${shared.candidateId}/signed-copy`).attach('file', pdfBytes(), { filename: 'x.pdf', contentType: 'application/pdf' });
      const d = await buildIssuedDecision(c, target);
      const pdf = await signedCopy(c, `/api/decisions/${d.id}/certificates/${d.candidateId}/issued-copy`);
      return cl.post(`/api/decisions/${d.id}/certificates/${d.candidateId}/signed-copy`).attach('file', pdf, { filename: 'da-ky.pdf', contentType: 'application/pdf' });
    },
  },
  'GET /api/verifications': { allowed: 'PUBLIC', scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/verifications?reference=1/QĐ-UBND') },
  'POST /api/verifications': { allowed: 'PUBLIC', scope: 'none', ok: 200, send: (c, cl) => cl.post('/api/verifications').attach('file', pdfBytes('kiểm tra'), { filename: 'x.pdf', contentType: 'application/pdf' }) },
};

function expected(row: Row, role: Role, target: Target): number {
  if (row.allowed === 'PUBLIC') return row.ok;
  if (!row.allowed.includes(role)) return 403;
  if (role === 'UNIT_HEAD' && target === 'other') {
    if (row.scope === 'candidate' || row.scope === 'movement') return 404;
    if (row.scope === 'nominate' || row.scope === 'unit') return 403;
  }
  return row.ok;
}

let ctx: Ctx;
const clients = new Map<Role, ActorClient>();

beforeAll(async () => {
  // A rehearsal instance, so that setting the rehearsal clock reaches its handler on both databases.
  const t = await startTestApp({ INSTANCE_KIND: 'rehearsal' });
  const unitA = (await newUnit(t, { level: 'DISTRICT', name: 'Huyện A' })).id;
  const unitB = (await newUnit(t, { level: 'DISTRICT', name: 'Huyện B' })).id;
  ctx = { t, unitA, unitB, unitOf: (target) => (target === 'own' ? unitA : unitB) };
  // The unit head under test leads unit A; the other roles are the fixture accounts of the province.
  clients.set('UNIT_HEAD', await t.newAccount('truong-huyen-a', 'UNIT_HEAD', unitA));
  // The council member sits in a unit tree of their own, so no candidate of the province conflicts with them.
  const councilUnit = (await newUnit(t, { level: 'PROVINCE', name: 'Ban thử nghiệm của Hội đồng' })).id;
  clients.set('COUNCIL_MEMBER', await t.newAccount('uyvien-ma-tran', 'COUNCIL_MEMBER', councilUnit));
  councilMemberId = ((await t.dataSource.query(`SELECT id FROM account WHERE username = 'uyvien-ma-tran'`)) as { id: string }[])[0]!.id;
  clients.set('COUNCIL_SECRETARY', t.as(SECRETARY));
  clients.set('AUDITOR', t.as('kiemtra'));
  clients.set('CLERK', t.as(CLERK));
  clients.set('ADMIN', t.as(ADMIN));
});
afterAll(async () => {
  await ctx?.t.close();
});

describe('the table covers every route', () => {
  it('names exactly the routes of the OpenAPI description (plus health)', async () => {
    const doc = await ctx.t.http.get('/api/docs-json');
    const routes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect([...routes].sort()).toEqual(Object.keys(TABLE).sort());
  });
});

const cells = Object.entries(TABLE).flatMap(([route, row]) =>
  ROLES.flatMap((role) => (['own', 'other'] as Target[]).map((target) => ({ route, role, target, status: expected(row, role, target) }))),
);

describe('every role × every route × own/other unit', () => {
  it.each(cells)('$role $route ($target unit) → $status', async ({ route, role, target, status }) => {
    // A refused request never reaches its handler, and a GET changes nothing: both may share their objects.
    const refused = status === 403 && TABLE[route]!.allowed !== 'PUBLIC' && !(TABLE[route]!.allowed as Role[]).includes(role);
    const res = await TABLE[route]!.send({ ...ctx, refused: refused || route.startsWith('GET ') }, clients.get(role)!, target, role);
    expect({ status: res.status, code: res.status >= 400 ? res.body.code : undefined }).toEqual({
      status,
      code: status === 403 ? 'FORBIDDEN' : status === 404 ? (TABLE[route]!.okNotFoundCode ?? (TABLE[route]!.scope === 'movement' ? 'MOVEMENT_NOT_FOUND' : 'CANDIDATE_NOT_FOUND')) : status >= 400 ? res.body.code : undefined,
    });
    // A refusal never carries the object's data.
    if (status === 403 || status === 404) expect(JSON.stringify(res.body)).not.toMatch(/achievement|Lê Thị Hồng|Hợp tác xã/);
  });
});

describe('without a session', () => {
  const guarded = Object.entries(TABLE).filter(([, row]) => row.allowed !== 'PUBLIC');
  it.each(guarded.map(([route]) => route))('%s → 401 SESSION_REQUIRED', async (route) => {
    const anonymous: ActorClient = {
      username: 'nobody',
      csrfToken: '',
      cookie: '',
      get: (url) => ctx.t.http.get(url),
      post: (url) => ctx.t.http.post(url),
      patch: (url) => ctx.t.http.patch(url),
    };
    // The request is built as for an allowed role (objects exist), but sent with no cookie.
    const res = await TABLE[route]!.send({ ...ctx, refused: true }, route.includes('sign-out') ? { ...anonymous, username: ADMIN } : anonymous, 'own', 'ADMIN').catch(() => undefined);
    if (route === 'POST /api/auth/sign-out') {
      expect((await ctx.t.http.post('/api/auth/sign-out')).status).toBe(401);
      return;
    }
    expect(res?.status).toBe(401);
    expect(res?.body.code).toBe('SESSION_REQUIRED');
  });
});
