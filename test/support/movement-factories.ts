/**
 * Test data builders for emulation movements, through the API itself (so every row has its audit record).
 */
import { expect } from '@jest/globals';
import type { TestApp } from './app.js';
import { SECRETARY, UNIT_HEAD } from './factories.js';

export type MovementStatus = 'LAUNCHED' | 'RUNNING' | 'CLOSED';

export interface MovementBody {
  id: string;
  name: string;
  status: MovementStatus;
  version: number;
  launchingUnitId: string;
}

export const MOVEMENT = {
  name: 'Bắc Giang chung sức xây dựng nông thôn mới',
  periodFrom: '2021-01-01',
  periodTo: '2025-12-31',
  fields: ['ECONOMY', 'CULTURE_SPORTS_TOURISM'],
  goals: '100% số xã đạt chuẩn nông thôn mới; 30% đạt nông thôn mới nâng cao.',
  documentNumber: '05/KH-HĐTĐKT',
  documentDate: '2021-02-05',
  documentTitle: 'Kế hoạch phát động phong trào thi đua "Bắc Giang chung sức xây dựng nông thôn mới"',
};

export const REVIEW = {
  heldOn: '2023-12-20',
  results: 'Toàn tỉnh có thêm 25 xã đạt chuẩn nông thôn mới; nhiều mô hình sản xuất hàng hóa hiệu quả.',
  participatingUnits: 10,
  exemplarsFound: 36,
  conferenceHeldOn: '2023-12-20',
  conferencePlace: 'Hội trường UBND tỉnh',
  conferenceNote: 'Biểu dương 36 điển hình tiên tiến',
};

/** Launches a movement (201 expected) as the secretariat, launched by the province unless told otherwise. */
export async function newMovement(t: TestApp, over: Partial<typeof MOVEMENT> & { launchingUnitId?: string } = {}, actor = SECRETARY): Promise<MovementBody> {
  const res = await t
    .as(actor)
    .post('/api/movements')
    .send({ ...MOVEMENT, launchingUnitId: t.provinceId, ...over });
  expect({ status: res.status, body: res.status === 201 ? undefined : res.body }).toEqual({ status: 201, body: undefined });
  return res.body as MovementBody;
}

/** The movement's current version, as its page shows it. */
export async function movementVersion(t: TestApp, id: string, actor = SECRETARY): Promise<number> {
  const res = await t.as(actor).get(`/api/movements/${id}`);
  expect(res.status).toBe(200);
  return res.body.version as number;
}

export async function startMovement(t: TestApp, id: string, actor = SECRETARY) {
  return t
    .as(actor)
    .post(`/api/movements/${id}/start`)
    .send({ expectedVersion: await movementVersion(t, id, actor) });
}

export async function recordReview(t: TestApp, id: string, over: Record<string, unknown> = {}, actor = SECRETARY) {
  return t
    .as(actor)
    .post(`/api/movements/${id}/reviews`)
    .send({ kind: 'INTERIM', ...REVIEW, expectedVersion: await movementVersion(t, id, actor), ...over });
}

/** A movement in the given status, reached through the API: started, and closed by a final review. */
export async function movementIn(t: TestApp, status: MovementStatus, over: Parameters<typeof newMovement>[1] = {}): Promise<MovementBody> {
  const movement = await newMovement(t, over);
  if (status !== 'LAUNCHED') expect((await startMovement(t, movement.id)).status).toBe(200);
  if (status === 'CLOSED') expect((await recordReview(t, movement.id, { kind: 'FINAL', heldOn: '2025-12-28', conferenceHeldOn: '2025-12-28' })).status).toBe(201);
  const page = await t.as(SECRETARY).get(`/api/movements/${movement.id}`);
  expect(page.body.status).toBe(status);
  return page.body as MovementBody;
}

export async function registerUnit(t: TestApp, movementId: string, unitId: string, over: Record<string, unknown> = {}, actor = SECRETARY) {
  return t
    .as(actor)
    .post(`/api/movements/${movementId}/registrations`)
    .send({ unitId, targets: 'Phấn đấu 3 xã đạt chuẩn nông thôn mới nâng cao', targetExemplars: 5, ...over });
}

export async function linkCandidate(t: TestApp, candidateId: string, movementId: string, actor = UNIT_HEAD) {
  return t.as(actor).post(`/api/candidates/${candidateId}/movements`).send({ movementId });
}
