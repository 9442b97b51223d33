/**
 * The jurisdiction profile: versions an administrator publishes (audited, never retroactive), read by every
 * document; a decision prints under the version it recorded, whatever is in force later.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type supertest from 'supertest';
import { addWorkingDays, holidaySet } from '#domain';
import { Clock } from '../apps/api/src/common/clock.js';
import { AppConfig } from '../apps/api/src/config/app-config.js';
import { JURISDICTION_PROFILE_STREAM } from '../apps/api/src/audit/streams.js';
import { BAC_NINH_WITH_REGULATION } from '../apps/api/src/demo/demo-profile.js';
import { startTestApp, TEST_PROFILE_SINCE, type TestApp } from './support/app.js';
import { decideThroughCouncil } from './support/council.js';
import { ADMIN, AUDITOR, COUNCIL_MEMBER, SECRETARY, UNIT_HEAD, newCandidate } from './support/factories.js';
import { pdfText } from './support/pdf-text.js';
import { issueDecision } from './support/decisions.js';

jest.setTimeout(120_000);

let t: TestApp;
const binary = (req: supertest.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
const today = () => t.running.app.get(Clock).today();

/** The test profile with the province renamed: what a merger or a new signatory looks like to the office. */
function renamed(place: string, upper: string) {
  const content = structuredClone(BAC_NINH_WITH_REGULATION);
  content.place = place;
  content.jurisdictionName = `tỉnh ${place}`;
  for (const a of content.authorities) {
    a.header = a.header.replace('BẮC NINH', upper);
    a.authority = a.authority.replace('BẮC NINH', upper);
    if (a.parentName) a.parentName = a.parentName.replace('BẮC NINH', upper);
  }
  content.authorities[0]!.signatory = { title: 'CHỦ TỊCH', name: 'Trần Văn Mới' };
  return content;
}

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  jest.restoreAllMocks();
  await t?.close();
});

describe('reading the profile', () => {
  it('every role reads the version in force and the list of versions', async () => {
    for (const who of [UNIT_HEAD, COUNCIL_MEMBER, SECRETARY, AUDITOR, ADMIN]) {
      const res = await t.as(who).get('/api/jurisdiction-profiles/current');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: 1, effectiveFrom: TEST_PROFILE_SINCE, inForce: true, content: { place: 'Bắc Ninh' } });
    }
    const list = await t.as(UNIT_HEAD).get('/api/jurisdiction-profiles');
    expect(list.body.map((v: { version: number }) => v.version)).toEqual([1]);
    expect((await t.as(UNIT_HEAD).get('/api/jurisdiction-profiles/9')).body).toMatchObject({ code: 'PROFILE_VERSION_NOT_FOUND' });
    expect((await t.as(UNIT_HEAD).get('/api/jurisdiction-profiles/abc')).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'version' }] });
  });
});

describe('publishing a version', () => {
  it('only an administrator publishes', async () => {
    for (const who of [UNIT_HEAD, SECRETARY, AUDITOR]) {
      const res = await t.as(who).post('/api/jurisdiction-profiles').send({ effectiveFrom: today(), content: BAC_NINH_WITH_REGULATION });
      expect(res.status).toBe(403);
    }
  });

  it('bad input is refused naming the field, in Vietnamese, and nothing is written', async () => {
    const { place: _place, ...withoutPlace } = BAC_NINH_WITH_REGULATION;
    const cases: [Record<string, unknown>, string][] = [
      [{ effectiveFrom: today(), content: withoutPlace }, 'content.place'],
      [{ effectiveFrom: '2026-02-30', content: BAC_NINH_WITH_REGULATION }, 'effectiveFrom'],
      [{ effectiveFrom: today(), content: { ...BAC_NINH_WITH_REGULATION, deadlines: { dossiers: '13-01' } } }, 'content.deadlines.dossiers'],
      [{ effectiveFrom: today(), content: { ...BAC_NINH_WITH_REGULATION, authorities: [{ ...BAC_NINH_WITH_REGULATION.authorities[0], symbol: 'qđ ubnd' }] } }, 'content.authorities.0.symbol'],
      [{ effectiveFrom: today(), content: { ...BAC_NINH_WITH_REGULATION, authorities: [{ ...BAC_NINH_WITH_REGULATION.authorities[0], legalBases: [] }] } }, 'content.authorities.0.legalBases'],
    ];
    for (const [body, field] of cases) {
      const res = await t.as(ADMIN).post('/api/jurisdiction-profiles').send(body);
      expect(res.status).toBe(400);
      // The key for programs; the words for people (by the field's Vietnamese label where it has one).
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String), messageEn: expect.any(String) })]));
    }
    const twice = await t.as(ADMIN).post('/api/jurisdiction-profiles').send({ effectiveFrom: today(), content: { ...BAC_NINH_WITH_REGULATION, authorities: [BAC_NINH_WITH_REGULATION.authorities[0], BAC_NINH_WITH_REGULATION.authorities[0]] } });
    expect(twice).toMatchObject({ status: 422, body: { code: 'PROFILE_AUTHORITY_REPEATED', field: 'content.authorities' } });
    const past = await t.as(ADMIN).post('/api/jurisdiction-profiles').send({ effectiveFrom: '2024-01-01', content: BAC_NINH_WITH_REGULATION });
    expect(past).toMatchObject({ status: 422, body: { code: 'PROFILE_EFFECTIVE_IN_PAST', field: 'effectiveFrom' } });
    expect(past.body.message).toMatch(/^Ngày có hiệu lực không được trước hôm nay/);
    expect((await t.as(ADMIN).get('/api/jurisdiction-profiles')).body).toHaveLength(1);
  });
});

describe('documents follow the profile, and keep the version they were issued under', () => {
  it('a decision prints the profile in force; after a new version, the old one still prints as issued and a new one prints the new', async () => {
    const first = await newCandidate(t, { name: 'Hợp tác xã Đông Phong', state: 'underReview' });
    const second = await newCandidate(t, { name: 'Trạm y tế xã Yên Lư', state: 'underReview' });
    const { sessionId: s1 } = await decideThroughCouncil(t, [first.id], 'RECOGNISE');
    const { sessionId: s2 } = await decideThroughCouncil(t, [second.id], 'RECOGNISE');
    // Sessions become final after their notice period: decisions are issued from then on.
    const clock = t.running.app.get(Clock);
    const real = clock.now.bind(clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + 31 * 86_400_000));

    // No signer given: the profile's signature block signs.
    const old = await issueDecision(t, { sessionId: s1, authorityCode: 'UBND_TINH' });
    expect(old.status).toBe(201);
    const oldView = await t.as(SECRETARY).get(`/api/decisions/${old.body.id}`);
    expect(oldView.body).toMatchObject({ profileVersion: 1, signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', signerName: 'Nguyễn Văn Mạnh' });
    expect(oldView.body.bases).toEqual(expect.arrayContaining([expect.stringContaining('Nghị định số 152/2025/NĐ-CP'), expect.stringContaining('86/2025/QĐ-UBND'), 'Theo đề nghị của Giám đốc Sở Nội vụ.']));
    expect(oldView.body.bases.join(' ')).not.toContain('98/2023');
    const oldPdf = async () => pdfText((await binary(t.as(SECRETARY).get(`/api/decisions/${old.body.id}/pdf`))).body as Buffer);
    const before = await oldPdf();
    expect(before).toContain('ỦY BAN NHÂN DÂN TỈNH BẮC NINH');
    expect(before).toMatch(/Bắc Ninh, ngày/);

    const published = await t.as(ADMIN).post('/api/jurisdiction-profiles').send({ effectiveFrom: today(), content: renamed('Kinh Bắc', 'KINH BẮC'), note: 'Đổi tên tỉnh (thử nghiệm)' });
    expect(published).toMatchObject({ status: 201, body: { version: 2, inForce: true, note: 'Đổi tên tỉnh (thử nghiệm)' } });
    const [record] = await t.admin.query<{ event_type: string; actor: string; payload: { version: number; content: { place: string } } }>(
      'SELECT event_type, actor, payload FROM audit_event WHERE stream = $1 ORDER BY seq DESC LIMIT 1',
      [JURISDICTION_PROFILE_STREAM],
    );
    expect(record).toMatchObject({ event_type: 'JURISDICTION_PROFILE_PUBLISHED', actor: ADMIN, payload: { version: 2, content: { place: 'Kinh Bắc' } } });

    // The old decision regenerates exactly as issued (the generation time aside).
    const strip = (text: string) => text.replace(/Tạo lúc[^\n]*/g, '');
    expect(strip(await oldPdf())).toBe(strip(before));
    const fresh = await issueDecision(t, { sessionId: s2, authorityCode: 'UBND_TINH' });
    expect(fresh.status).toBe(201);
    expect((await t.as(SECRETARY).get(`/api/decisions/${fresh.body.id}`)).body).toMatchObject({ profileVersion: 2, signerTitle: 'CHỦ TỊCH', signerName: 'Trần Văn Mới' });
    const after = await pdfText((await binary(t.as(SECRETARY).get(`/api/decisions/${fresh.body.id}/pdf`))).body as Buffer);
    expect(after).toContain('ỦY BAN NHÂN DÂN TỈNH KINH BẮC');
    expect(after).toMatch(/Kinh Bắc, ngày/);
    expect(after).not.toContain('BẮC NINH');
    jest.restoreAllMocks();
  });
});

describe('the days off the profile announces', () => {
  it('lengthen a public notice counted in working days, and are kept with it', async () => {
    const noticeOf = async (name: string) => {
      const c = await newCandidate(t, { name, state: 'underReview' });
      const { sessionId } = await decideThroughCouncil(t, [c.id], 'RECOGNISE', { final: false });
      return (await t.as(SECRETARY).get(`/api/review-sessions/${sessionId}`)).body.notice as { publishedOn: string; endsOn: string; holidays: string[] };
    };
    const before = await noticeOf('Hợp tác xã Tiên Du');
    const year = Number(today().slice(0, 4));
    const dayOff = addWorkingDays(today(), 1, holidaySet(year, year + 1, t.running.app.get(AppConfig).publicHolidays));
    const content = { ...structuredClone(BAC_NINH_WITH_REGULATION), holidays: [dayOff] };
    expect((await t.as(ADMIN).post('/api/jurisdiction-profiles').send({ effectiveFrom: today(), content })).status).toBe(201);
    const after = await noticeOf('Hợp tác xã Quế Võ');
    expect(after.publishedOn).toBe(before.publishedOn);
    expect(after.holidays).toEqual([...before.holidays, dayOff].sort());
    expect(after.endsOn).toBe(addWorkingDays(before.endsOn, 1, holidaySet(year, year + 1, [])));
  });
});

describe('a province without a profile', () => {
  it('cannot issue a decision, and says an administrator must publish one', async () => {
    const bare = await startTestApp({ TEST_WITHOUT_PROFILE: '1' });
    try {
      expect((await bare.as(UNIT_HEAD).get('/api/jurisdiction-profiles/current')).body).toMatchObject({ code: 'PROFILE_NOT_IN_FORCE' });
      const c = await newCandidate(bare, { state: 'underReview' });
      const { sessionId } = await decideThroughCouncil(bare, [c.id], 'RECOGNISE');
      const clock = bare.running.app.get(Clock);
      const real = clock.now.bind(clock);
      jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + 31 * 86_400_000));
      const res = await issueDecision(bare, { sessionId, authorityCode: 'UBND_TINH', signerTitle: 'CHỦ TỊCH', signerName: 'A' });
      expect(res).toMatchObject({ status: 409, body: { code: 'PROFILE_NOT_IN_FORCE' } });
      expect(res.body.message).toMatch(/^Chưa có hồ sơ pháp lý có hiệu lực/);
      expect((await bare.as(SECRETARY).get('/api/decisions')).body).toEqual([]);
    } finally {
      jest.restoreAllMocks();
      await bare.close();
    }
  });
});
