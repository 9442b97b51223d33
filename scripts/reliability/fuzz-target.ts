/**
 * What the fuzzer needs from a running test application: its address, a signed-in session per role, and a few
 * real objects to aim at (a candidate being nurtured with an evidence file, its unit, a throwaway account).
 * Built through the API itself, like the tests' factories, without Jest.
 */
import type { AddressInfo } from 'node:net';
import { FIXTURE_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../test/support/app.js';
import { countRowsQuery, type FuzzTarget } from './openapi-fuzz.js';

export const FUZZ_EXCLUDED: Record<string, string> = {
  'POST /api/auth/sign-out': 'would end the fuzzing session itself; it reads no input (no body, no parameters)',
};

function ok<T extends { status: number; body: unknown }>(res: T, what: string): T {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

export async function prepareFuzzTarget(t: TestApp): Promise<FuzzTarget> {
  const server = t.running.app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const admin = t.as('admin');
  const head = t.as('truongdonvi');
  const unit = ok(await admin.post('/api/units').send({ name: 'Đơn vị thử tải', level: 'GRASSROOTS', sector: 'STATE', parentId: t.provinceId }), 'unit');
  const candidate = ok(
    await head.post('/api/candidates').send({ kind: 'COLLECTIVE', name: 'Hợp tác xã thử tải', unitId: unit.body.id, field: 'ECONOMY', year: 2025, discoveryChannel: 'MEDIA', achievement: 'Thử tải' }),
    'candidate',
  );
  ok(await head.post(`/api/candidates/${candidate.body.id}/events`).send({ type: 'START_NURTURING', expectedVersion: candidate.body.version, payload: { goals: 'Mục tiêu', supporter: 'Phòng Nội vụ' } }), 'start nurturing');
  const evidence = ok(
    await head.post(`/api/candidates/${candidate.body.id}/evidence`).attach('file', Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1'), { filename: 'minh-chung.pdf', contentType: 'application/pdf' }),
    'evidence',
  );
  const account = ok(await admin.post('/api/accounts').send({ username: `fuzz${Date.now() % 1e8}`, displayName: 'Tài khoản thử', role: 'AUDITOR', password: TEST_PASSWORD }), 'account');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sessions: Object.fromEntries(Object.entries(FIXTURE_ACCOUNTS).map(([username, role]) => [role, { cookie: t.as(username).cookie, csrfToken: t.as(username).csrfToken }])),
    ids: { candidate: candidate.body.id as string, unit: unit.body.id as string, evidence: evidence.body.id as string, account: account.body.id as string },
    countRows: () => countRowsQuery((sql) => t.dataSource.query(sql)),
  };
}
