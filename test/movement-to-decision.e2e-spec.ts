/**
 * A movement from launch to final review, with the candidates it led recognised by the council and the decision
 * issued: the whole path from a movement to a recognition decision, through the API.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../apps/api/src/common/clock.js';
import { startTestApp, type TestApp } from './support/app.js';
import { decideThroughCouncil } from './support/council.js';
import { AUDITOR, SECRETARY, UNIT_HEAD, newCandidate, newUnit, sendEvent, uploadEvidence } from './support/factories.js';
import { recordReview, registerUnit, newMovement, startMovement } from './support/movement-factories.js';
import { pdfText } from './support/pdf-text.js';
import { issueDecision } from './support/decisions.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  jest.restoreAllMocks();
  await t?.close();
});

describe('a movement from launch to final review, its exemplars recognised and decided', () => {
  it('runs end to end', async () => {
    const district = await newUnit(t, { name: 'UBND huyện Tân Yên', level: 'DISTRICT', sector: 'LOCALITY' });
    const commune = await newUnit(t, { name: 'UBND xã Cao Xá', parentId: district.id });

    const movement = await newMovement(t, { name: 'Tân Yên chung sức xây dựng nông thôn mới', periodFrom: '2025-01-01', periodTo: '2025-12-31' });
    expect((await startMovement(t, movement.id)).status).toBe(200);
    expect((await registerUnit(t, movement.id, district.id)).status).toBe(201);

    // Two candidates lead the movement: linked when nominated, then nurtured and proposed.
    const coop = await newCandidate(t, { unitId: commune.id, name: 'Hợp tác xã Nông nghiệp Cao Xá' });
    const farmer = await newCandidate(t, { unitId: commune.id, kind: 'HOUSEHOLD', name: 'Hộ ông Nguyễn Văn Đông' });
    for (const c of [coop, farmer]) {
      const link = await t.as(UNIT_HEAD).post(`/api/candidates/${c.id}/movements`).send({ movementId: movement.id });
      expect(link.status).toBe(200);
    }
    for (const c of [coop, farmer]) {
      expect((await uploadEvidence(t, c.id)).status).toBe(201);
      expect((await sendEvent(t, c.id, 'START_NURTURING', { goals: 'Hoàn thiện mô hình', supporter: 'Phòng Nông nghiệp' })).status).toBe(200);
      expect((await sendEvent(t, c.id, 'RECORD_CHECK_IN', { date: '2025-06-01', strengths: 'Hiệu quả', shortcomings: 'Chưa lan tỏa' })).status).toBe(200);
      expect((await sendEvent(t, c.id, 'PROPOSE_FOR_REVIEW', {})).status).toBe(200);
    }

    // The council recognises both; the recognition becomes final after the public notice.
    const { sessionId } = await decideThroughCouncil(t, [coop.id, farmer.id], 'RECOGNISE');
    const page = await t.as(SECRETARY).get(`/api/movements/${movement.id}`);
    expect(JSON.stringify(page.body)).toContain(coop.id);

    // The movement's statistics show its exemplars.
    const stats = await t.as(SECRETARY).get(`/api/statistics/exemplars?movementId=${movement.id}`);
    expect(stats.status).toBe(200);
    expect(JSON.stringify(stats.body)).toMatch(/"collective":1/);

    // The decision is issued after the session closed (the clock stands after the notice period).
    const clock = t.running.app.get(Clock);
    const real = clock.now.bind(clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + 31 * 86_400_000));
    const decision = await issueDecision(t, { sessionId, authorityCode: 'UBND_TINH', signerTitle: 'CHỦ TỊCH', signerName: 'Lê Ánh Dương' });
    expect(decision.status).toBe(201);
    const pdf = await t
      .as(AUDITOR)
      .get(`/api/decisions/${decision.body.id}/pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain('Hợp tác xã Nông nghiệp Cao Xá');
    expect(text).toContain('Hộ ông Nguyễn Văn Đông');
    expect(text).toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH');

    // The movement closes with its final review, which records its results.
    const final = await recordReview(t, movement.id, { kind: 'FINAL', heldOn: '2025-12-28', conferenceHeldOn: '2025-12-28', exemplarsFound: 2 });
    expect(final.status).toBe(201);
    expect((await t.as(SECRETARY).get(`/api/movements/${movement.id}`)).body.status).toBe('CLOSED');

    // And the lookup finds the exemplar without diacritics, recognised.
    const found = await t.as(AUDITOR).get('/api/lookup?q=nguyen van dong');
    expect(JSON.stringify(found.body)).toContain('Hộ ông Nguyễn Văn Đông');
  });
});
