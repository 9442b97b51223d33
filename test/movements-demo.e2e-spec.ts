/**
 * The demo province's movements: seeded through the same services as a person's requests, with the candidates
 * that lead them, a discovery at a review conference, and audit chains that verify.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { AUDITOR } from './support/factories.js';

let demo: TestApp;
// Seeding the demo (two provinces, the 2025 reorganisation, a signed decision) takes longer than the default hook time.
beforeAll(async () => {
  demo = await startTestApp({ SEED_DEMO: 'true' });
}, 240_000);
afterAll(async () => {
  await demo?.close();
});

describe('the demo province’s movements', () => {
  it('has movements launched, running and closed, with registrations, reviews and the candidates that lead them', async () => {
    const list = await demo.as(AUDITOR).get('/api/movements');
    expect(list.status).toBe(200);
    const byName = new Map((list.body.items as { id: string; name: string; status: string; registeredUnits: number }[]).map((m) => [m.name, m]));
    expect([...byName.keys()].sort()).toEqual(['Bắc Giang chung sức xây dựng nông thôn mới', 'Toàn dân bảo vệ an ninh Tổ quốc', 'Đổi mới, sáng tạo trong dạy và học'].sort());
    expect(byName.get('Bắc Giang chung sức xây dựng nông thôn mới')).toMatchObject({ status: 'CLOSED', registeredUnits: 2 });
    expect(byName.get('Toàn dân bảo vệ an ninh Tổ quốc')).toMatchObject({ status: 'LAUNCHED' });

    const teaching = await demo.as(AUDITOR).get(`/api/movements/${byName.get('Đổi mới, sáng tạo trong dạy và học')!.id}`);
    // Launched by the former province's department, as it was; it reaches the merged department's schools.
    expect(teaching.body).toMatchObject({ status: 'RUNNING', launchingUnit: { name: 'Sở Giáo dục và Đào tạo tỉnh Bắc Giang' } });
    expect(teaching.body.reviews).toMatchObject([{ kind: 'INTERIM', number: 1, heldOn: '2025-02-14', conference: { place: 'Hội trường Sở Giáo dục và Đào tạo' } }]);
    const byState = Object.fromEntries((teaching.body.candidates.byState as { state: string; items: { name: string }[] }[]).map((g) => [g.state, g.items.map((i) => i.name)]));
    expect(byState).toEqual({ underReview: ['Nguyễn Thị Hoa'], replicating: ['Trường THPT Ngô Sĩ Liên'] });
    expect(teaching.body.discoveredHere.items.map((c: { name: string; reviewId: string }) => [c.name, c.reviewId])).toEqual([['Trường THPT Ngô Sĩ Liên', teaching.body.reviews[0].id]]);

    // Dated as they happened: the launch in January 2025, the closing review in January 2026.
    const village = byName.get('Bắc Giang chung sức xây dựng nông thôn mới')!;
    const dates = (await demo.dataSource.query(`SELECT event_type AS "eventType", occurred_at AS at FROM audit_event WHERE stream = $1 ORDER BY seq`, [`movement:${village.id}`])) as { eventType: string; at: Date }[];
    expect(dates.map((d) => [d.eventType, new Date(d.at).toISOString().slice(0, 7)])).toEqual([
      ['MOVEMENT_LAUNCHED', '2025-01'],
      ['MOVEMENT_STARTED', '2025-01'],
      ['MOVEMENT_REGISTERED', '2025-01'],
      ['MOVEMENT_REGISTERED', '2025-01'],
      ['CANDIDATE_LINKED', '2025-04'],
      ['MOVEMENT_FINAL_REVIEW', '2026-01'],
    ]);

    const found = await demo.as(AUDITOR).get('/api/lookup?q=ngo%20si%20lien');
    expect(found.body.items.map((i: { type: string; name: string }) => [i.type, i.name])).toEqual([
      ['CANDIDATE', 'Trường THPT Ngô Sĩ Liên'],
      ['UNIT', 'Trường THPT Ngô Sĩ Liên'],
    ]);
    const report = await demo.as(AUDITOR).get('/api/audit/verify');
    expect(report.status).toBe(200);
    expect(report.body.ok).toBe(true);
  });
});
