/**
 * Lookup (tra cứu): one search over candidates, units and movements, with or without Vietnamese diacritics,
 * with filters, pages and the unit head's scope; a subject's history across candidacies; and the flag on a
 * nomination that repeats an already recognised achievement ("one achievement, one recognition").
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { foldVietnamese } from '#domain';
import { startTestApp, type ActorClient, type TestApp } from './support/app.js';
import { AUDITOR, COUNCIL_MEMBER, UNIT_HEAD, newCandidate, newUnit } from './support/factories.js';
import { linkCandidate, newMovement } from './support/movement-factories.js';

let t: TestApp;
let districtA: string;
let communeA: string;
let districtB: string;
let headOfA: ActorClient;
let headOfB: ActorClient;
let movement: string;

const nominate = (over: Record<string, unknown>, actor: string | ActorClient = UNIT_HEAD) =>
  (typeof actor === 'string' ? t.as(actor) : actor).post('/api/candidates').send({
    kind: 'INDIVIDUAL',
    unitId: communeA,
    field: 'ECONOMY',
    year: 2025,
    discoveryChannel: 'INSPECTION',
    achievement: 'Thành tích tiêu biểu trong sản xuất',
    ...over,
  });

const search = (query: string, actor: string | ActorClient = AUDITOR) => (typeof actor === 'string' ? t.as(actor) : actor).get(`/api/lookup?${query}`);
const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);

beforeAll(async () => {
  t = await startTestApp();
  districtA = (await newUnit(t, { name: 'UBND huyện Lạng Giang', level: 'DISTRICT', sector: 'LOCALITY' })).id;
  communeA = (await newUnit(t, { name: 'UBND xã Đông Lỗ', parentId: districtA, sector: 'LOCALITY' })).id;
  districtB = (await newUnit(t, { name: 'UBND huyện Yên Thế', level: 'DISTRICT', sector: 'LOCALITY' })).id;
  headOfA = await t.newAccount('truong-lang-giang', 'UNIT_HEAD', districtA);
  headOfB = await t.newAccount('truong-yen-the', 'UNIT_HEAD', districtB);
  movement = (await newMovement(t, { name: 'Bắc Giang chung sức xây dựng nông thôn mới' })).id;

  for (const [name, kind, unitId, field, year] of [
    ['Nguyễn Văn An', 'INDIVIDUAL', communeA, 'ECONOMY', 2024],
    ['Nguyễn Văn', 'INDIVIDUAL', communeA, 'HEALTH', 2025],
    ['Trường THCS Nguyễn Văn Cừ', 'COLLECTIVE', communeA, 'EDUCATION_SCIENCE', 2025],
    ['Nguyễn Thị Hoa', 'INDIVIDUAL', communeA, 'EDUCATION_SCIENCE', 2025],
    ['Hộ ông Lê Văn Đông', 'HOUSEHOLD', communeA, 'ECONOMY', 2025],
    ['Nguyễn Văn Bình', 'INDIVIDUAL', districtB, 'ECONOMY', 2025],
  ] as const) {
    expect((await nominate({ name, kind, unitId, field, year }, unitId === districtB ? headOfB : UNIT_HEAD)).status).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
});

describe('folding Vietnamese', () => {
  it('the database folds every Vietnamese letter exactly as the application does', async () => {
    const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
    const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
    const letters = vowels.flatMap((v) => tones.map((tone) => (v + tone).normalize('NFC')));
    const corpus = [...letters, ...letters.map((l) => l.toUpperCase()), 'đ', 'Đ', ...'bcdghklmnpqrstvx', ...'BCDGHKLMNPQRSTVX', '0123456789', ' -.,'];
    expect(corpus.length).toBeGreaterThan(150);
    const rows = (await t.dataSource.query('SELECT s, fold_vietnamese(s) AS folded FROM unnest($1::text[]) AS s', [corpus])) as { s: string; folded: string }[];
    const differences = rows.filter((r) => r.folded !== foldVietnamese(r.s));
    expect(differences).toEqual([]);
    expect(rows.find((r) => r.s === 'Ữ')!.folded).toBe('u');
    // A whole name, composed and decomposed.
    const [{ a, b }] = await t.dataSource.query('SELECT fold_vietnamese($1) AS a, fold_vietnamese($2) AS b', ['Đặng Thị Ánh Tuyết', 'Đặng Thị Ánh Tuyết'.normalize('NFD')]);
    expect([a, b]).toEqual(['dang thi anh tuyet', 'dang thi anh tuyet']);
  });
});

describe('the search', () => {
  it('"nguyen van" finds "Nguyễn Văn …": the whole name first, then names that begin with it, then names containing it', async () => {
    const res = await search('q=nguyen%20van&kind=INDIVIDUAL');
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(['Nguyễn Văn', 'Nguyễn Văn An', 'Nguyễn Văn Bình']);
    const all = await search('q=nguyen%20van');
    expect(names(all.body)).toEqual(['Nguyễn Văn', 'Nguyễn Văn An', 'Nguyễn Văn Bình', 'Trường THCS Nguyễn Văn Cừ']);
    expect(all.body).toMatchObject({ total: 4, totals: { candidates: 4, units: 0, movements: 0 }, query: { text: 'nguyen van', folded: 'nguyen van' } });
    expect(all.body.items[1]).toMatchObject({ type: 'CANDIDATE', kind: 'INDIVIDUAL', kindLabel: { vi: 'Cá nhân' }, unit: { name: 'UBND xã Đông Lỗ' }, year: 2024, state: 'discovered', stage: 'DISCOVER' });
    // Upper case, with diacritics, or with other marks: the same.
    expect(names((await search(`q=${encodeURIComponent('NGUYỄN VĂN')}&kind=INDIVIDUAL`)).body)).toEqual(['Nguyễn Văn', 'Nguyễn Văn An', 'Nguyễn Văn Bình']);
    expect(names((await search('q=nguyen%20thi&kind=INDIVIDUAL')).body)).toEqual(['Nguyễn Thị Hoa']);
  });

  it('"dong" finds "Đông" and "Đông Lỗ", đ ↔ d, across candidates and units; words match in any order and as prefixes', async () => {
    const res = await search('q=dong');
    expect(res.body.items.map((i: { type: string; name: string }) => [i.type, i.name])).toEqual([
      ['CANDIDATE', 'Hộ ông Lê Văn Đông'],
      ['UNIT', 'UBND xã Đông Lỗ'],
    ]);
    expect(res.body.items[1]).toMatchObject({ levelLabel: { vi: expect.any(String) }, parent: { id: districtA, name: 'UBND huyện Lạng Giang' } });
    expect(names((await search(`q=${encodeURIComponent('Đông')}`)).body)).toEqual(['Hộ ông Lê Văn Đông', 'UBND xã Đông Lỗ']);
    expect(names((await search('q=dong%20le&kind=HOUSEHOLD')).body)).toEqual(['Hộ ông Lê Văn Đông']);
    expect(names((await search('q=lang%20gi')).body)).toEqual(['UBND huyện Lạng Giang']);
    expect(names((await search('q=nong%20thon%20moi')).body)).toEqual(['Bắc Giang chung sức xây dựng nông thôn mới']);
    expect((await search('q=nong%20thon%20moi')).body.items[0]).toMatchObject({ type: 'MOVEMENT', status: 'LAUNCHED', launchingUnit: { id: t.provinceId } });
    expect((await search(`q=${encodeURIComponent('%_')}`)).body.total).toBe(0);
  });

  it('filters by kind, stage, state, year, field, unit subtree and movement (candidate-only filters leave units and movements out)', async () => {
    expect(names((await search('q=nguyen&year=2024')).body)).toEqual(['Nguyễn Văn An']);
    expect(names((await search('q=nguyen&field=EDUCATION_SCIENCE')).body)).toEqual(['Nguyễn Thị Hoa', 'Trường THCS Nguyễn Văn Cừ']);
    expect(names((await search('q=nguyen&kind=COLLECTIVE')).body)).toEqual(['Trường THCS Nguyễn Văn Cừ']);
    expect(names((await search(`q=nguyen&unitId=${districtB}`)).body)).toEqual(['Nguyễn Văn Bình']);
    expect(names((await search('kind=UNIT&q=ubnd')).body)).toEqual(['UBND huyện Lạng Giang', 'UBND huyện Yên Thế', 'UBND xã Đông Lỗ']);
    expect((await search('kind=MOVEMENT&year=2023')).body.items.map((i: { id: string }) => i.id)).toEqual([movement]);
    expect((await search('kind=MOVEMENT&year=2030')).body.total).toBe(0);

    const nurtured = await newCandidate(t, { unitId: communeA, kind: 'INDIVIDUAL', name: 'Phạm Văn Đức', state: 'nurturing' });
    expect(names((await search('q=pham%20van&stage=NURTURE')).body)).toEqual(['Phạm Văn Đức']);
    expect(names((await search('q=pham%20van&stage=DISCOVER')).body)).toEqual([]);
    expect(names((await search('q=pham&state=nurturing')).body)).toEqual(['Phạm Văn Đức']);
    expect((await search('stage=NURTURE&kind=UNIT')).body.total).toBe(0);

    expect((await linkCandidate(t, nurtured.id, movement)).status).toBe(200);
    const inMovement = await search(`movementId=${movement}`);
    expect(inMovement.body).toMatchObject({ total: 1, totals: { candidates: 1, units: 0, movements: 0 } });
    expect(names(inMovement.body)).toEqual(['Phạm Văn Đức']);
    const bad = await search('stage=BLOOMING&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'stage']);
  });

  it('pages through results in a stable order, with the total', async () => {
    for (let i = 1; i <= 23; i++) {
      expect((await nominate({ name: `Hộ bà Trịnh Thị Mận ${String(i).padStart(2, '0')}`, kind: 'HOUSEHOLD', achievement: `Mô hình số ${i}` })).status).toBe(201);
    }
    const pages = [];
    for (const offset of [0, 10, 20]) {
      const res = await search(`q=trinh%20thi%20man&limit=10&offset=${offset}`);
      expect(res.body).toMatchObject({ total: 23, limit: 10, offset });
      pages.push(names(res.body));
    }
    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    expect(pages.flat()).toEqual(Array.from({ length: 23 }, (_, i) => `Hộ bà Trịnh Thị Mận ${String(i + 1).padStart(2, '0')}`));
    const beyond = await search('q=trinh%20thi%20man&limit=10&offset=40');
    expect(beyond.body).toMatchObject({ total: 23, items: [] });
  });

  it('a unit head finds only their subtree’s candidates and units, and the movements they see', async () => {
    const ofB = await newMovement(t, { name: 'Phong trào nông thôn mới của Yên Thế', launchingUnitId: districtB });
    const a = await search('q=nguyen%20van', headOfA);
    expect(names(a.body)).toEqual(['Nguyễn Văn', 'Nguyễn Văn An', 'Trường THCS Nguyễn Văn Cừ']);
    const b = await search('q=nguyen', headOfB);
    expect(names(b.body)).toEqual(['Nguyễn Văn Bình']);
    expect(names((await search('kind=UNIT', headOfB)).body)).toEqual(['UBND huyện Yên Thế']);
    expect(names((await search('q=nong%20thon', headOfA)).body)).toEqual(['Bắc Giang chung sức xây dựng nông thôn mới']);
    expect(names((await search('q=nong%20thon', headOfB)).body)).toEqual(['Bắc Giang chung sức xây dựng nông thôn mới', 'Phong trào nông thôn mới của Yên Thế']);
    expect(names((await search('q=nong%20thon', COUNCIL_MEMBER)).body)).toContain('Phong trào nông thôn mới của Yên Thế');
    const outside = await search(`q=nguyen&unitId=${districtA}`, headOfB);
    expect([outside.status, outside.body.code]).toEqual([403, 'FORBIDDEN']);
    const movementOutOfSight = await search(`movementId=${ofB.id}`, headOfA);
    expect([movementOutOfSight.status, movementOutOfSight.body.code]).toEqual([422, 'REFERENCED_MOVEMENT_NOT_FOUND']);
  });

  it('can serve a folded-name search of candidates from its GIN index', async () => {
    const [{ indexdef }] = await t.dataSource.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'IDX_candidate_name_search'`);
    expect(indexdef).toMatch(/USING gin \(to_tsvector\('simple'::regconfig, fold_vietnamese\(name\)\)\)/);
    // With so few rows the planner prefers a sequential scan; forbid it to see that the index serves the search.
    await t.dataSource.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      const plan = JSON.stringify(
        await em.query(`EXPLAIN (FORMAT JSON) SELECT id FROM candidate c WHERE to_tsvector('simple'::regconfig, fold_vietnamese(c.name)) @@ to_tsquery('simple'::regconfig, 'nguyen:* & van:*')`),
      );
      expect(plan).toContain('IDX_candidate_name_search');
    });
  });
});

describe('subjects and "one achievement, one recognition"', () => {
  it('flags a nomination of a subject already recognised for the same year, naming the earlier candidacy, refuses it without a justification, and records the flag', async () => {
    const earlier = await newCandidate(t, { unitId: communeA, kind: 'INDIVIDUAL', name: 'Hoàng Văn Thụ', field: 'ECONOMY', year: 2025, state: 'recognised' });
    // The same person typed without diacritics and in capitals: the same subject (same kind, name, unit).
    const repeat = { name: 'HOANG VAN THU', year: 2025, achievement: 'Mô hình sản xuất theo chuỗi giá trị, thu nhập thành viên tăng 30%.' };
    // The same year again is refused without the unit head's justification (Luật 2022 Điều 5), naming the earlier one.
    const bare = await nominate(repeat);
    expect(bare.status).toBe(422);
    expect(bare.body).toMatchObject({ code: 'REPEAT_RECOGNITION_JUSTIFICATION_REQUIRED', field: 'repeatJustification', earlier: [{ candidateId: earlier.id, year: 2025 }] });
    const again = await nominate({ ...repeat, repeatJustification: 'Đề nghị thêm cho thành tích khác trong năm' });
    expect(again.status).toBe(201);
    expect(again.body.subject).toEqual({ id: earlier.id, subjectId: earlier.id, matchedBy: 'SAME_NAME_KIND_UNIT', matchedCandidateId: earlier.id });
    expect(again.body.warnings).toHaveLength(1);
    expect(again.body.warnings[0]).toMatchObject({ code: 'REPEATS_RECOGNISED_ACHIEVEMENT', candidateId: earlier.id, year: 2025, state: 'recognised' });
    expect(again.body.warnings[0].message).toContain('đã được công nhận điển hình tiên tiến năm 2025');
    expect(again.body.warnings[0].message).toContain(earlier.id);
    expect(again.body.warnings[0].message).toContain('một thành tích chỉ khen thưởng một lần');
    const [record] = await t.dataSource.query(`SELECT payload FROM audit_event WHERE stream = $1 AND seq = 1`, [`candidate:${again.body.id}`]);
    expect(record.payload).toMatchObject({ subjectId: earlier.id, subjectMatchedBy: 'SAME_NAME_KIND_UNIT', warnings: [{ code: 'REPEATS_RECOGNISED_ACHIEVEMENT', candidateId: earlier.id }] });
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${again.body.id}`)).body.subjectId).toBe(earlier.id);

    // Another year, another achievement: a softer flag, still naming the earlier recognition.
    const later = await nominate({ name: 'Hoàng Văn Thụ', year: 2027, achievement: 'Sáng kiến mới năm 2027' });
    expect(later.body.warnings.map((w: { code: string; candidateId: string }) => [w.code, w.candidateId])).toEqual([['SUBJECT_RECOGNISED_BEFORE', earlier.id]]);
    // A second open candidacy of the same year is flagged too.
    const duplicate = await nominate({ name: 'Hoàng Văn Thụ', year: 2027, achievement: 'Trùng' });
    expect(duplicate.body.warnings.map((w: { code: string }) => w.code)).toEqual(['SUBJECT_RECOGNISED_BEFORE', 'SUBJECT_ALREADY_NOMINATED']);
  });

  it('a namesake is a new subject when the nominator says so; the same person elsewhere is linked by naming the earlier candidacy', async () => {
    const earlier = await newCandidate(t, { unitId: communeA, kind: 'INDIVIDUAL', name: 'Vũ Thị Lan', year: 2024, state: 'recognised' });
    const namesake = await nominate({ name: 'Vũ Thị Lan', year: 2024, newSubject: true });
    expect(namesake.body.subject).toMatchObject({ id: namesake.body.id, matchedBy: 'NEW', subjectId: null });
    expect(namesake.body.warnings).toEqual([]);

    // She moved to Yên Thế: the province's unit head (who reaches both) names her earlier candidacy.
    const moved = await nominate({ name: 'Vũ Thị Lan', unitId: districtB, year: 2026, sameSubjectAs: earlier.id });
    expect(moved.body.subject).toMatchObject({ id: earlier.id, matchedBy: 'NAMED' });
    expect(moved.body.warnings.map((w: { code: string }) => w.code)).toEqual(['SUBJECT_RECOGNISED_BEFORE']);

    const wrongKind = await nominate({ name: 'Vũ Thị Lan', kind: 'HOUSEHOLD', sameSubjectAs: earlier.id });
    expect([wrongKind.status, wrongKind.body.code]).toEqual([422, 'SAME_SUBJECT_INVALID']);
    const both = await nominate({ name: 'Vũ Thị Lan', sameSubjectAs: earlier.id, newSubject: true });
    expect([both.status, both.body.code]).toEqual([422, 'SAME_SUBJECT_INVALID']);
    // A candidacy out of the nominator's reach is as good as none.
    const unseen = await nominate({ name: 'Vũ Thị Lan', unitId: districtB, sameSubjectAs: earlier.id }, headOfB);
    expect([unseen.status, unseen.body.code, unseen.body.field]).toEqual([422, 'REFERENCED_CANDIDATE_NOT_FOUND', 'sameSubjectAs']);

    const history = await t.as(AUDITOR).get(`/api/lookup/subjects/${moved.body.id}`);
    expect(history.status).toBe(200);
    expect(history.body.subject).toMatchObject({ id: earlier.id, kind: 'INDIVIDUAL', name: 'Vũ Thị Lan', unit: { id: districtB } });
    expect(history.body.candidacies.map((c: { id: string; year: number; unit: { id: string }; outcome: { state: string; recognised: boolean } }) => [c.id, c.year, c.unit.id, c.outcome.state, c.outcome.recognised])).toEqual([
      [earlier.id, 2024, communeA, 'recognised', true],
      [moved.body.id, 2026, districtB, 'discovered', false],
    ]);
    expect(history.body.candidacies[0].outcome.since).toEqual(expect.any(String));
    expect(history.body.recognitions).toEqual([{ candidateId: earlier.id, year: 2024 }]);
    expect(history.body.rule.vi).toContain('Một thành tích chỉ được khen thưởng một lần');
    // The namesake is not part of it.
    expect(history.body.candidacies.map((c: { id: string }) => c.id)).not.toContain(namesake.body.id);

    // A unit head sees the candidacies of their own subtree only, and nothing of a subject out of reach.
    const ofA = await headOfA.get(`/api/lookup/subjects/${earlier.id}`);
    expect(ofA.body.candidacies.map((c: { id: string }) => c.id)).toEqual([earlier.id]);
    const hidden = await headOfB.get(`/api/lookup/subjects/${earlier.id}`);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'CANDIDATE_NOT_FOUND']);
  });
});
