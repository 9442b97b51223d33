/**
 * Factories that build test data through the API itself, so every row has its audit trail.
 */
import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CandidateState } from '#workflow';
import type { TestApp } from './app.js';
import { decideThroughCouncil, revokeByDecision, type CouncilOutcome } from './council.js';

export const ADMIN = 'admin';
export const UNIT_HEAD = 'truongdonvi';
export const SECRETARY = 'thuongtruc';
export const COUNCIL_MEMBER = 'uyvien1';
export const AUDITOR = 'kiemtra';
export const CLERK = 'vanthu';

export function pdfBytes(text = 'minh chung'): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

export async function newUnit(
  t: TestApp,
  over: Partial<{ name: string; level: string; sector: string; parentId: string; code: string }> = {},
): Promise<{ id: string; name: string; version: number }> {
  const parentId = over.parentId ?? (over.level === 'PROVINCE' ? undefined : t.provinceId);
  const res = await t
    .as(ADMIN)
    .post('/api/units')
    .send({ name: over.name ?? 'Đơn vị thử nghiệm', level: over.level ?? 'GRASSROOTS', sector: over.sector ?? 'STATE', ...(parentId ? { parentId } : {}), ...(over.code ? { code: over.code } : {}) });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; version: number };
}

/** Who sends an event by default: the unit head (the council's decisions go through review sessions). */
export function senderOf(_type: string): string {
  return UNIT_HEAD;
}

export async function sendEvent(t: TestApp, id: string, type: string, payload: Record<string, unknown> = {}, actor = senderOf(type)) {
  const current = await t.as(actor).get(`/api/candidates/${id}`);
  return t.as(actor).post(`/api/candidates/${id}/events`).send({ type, expectedVersion: current.body.version, payload });
}

export async function uploadEvidence(t: TestApp, id: string, name = 'Báo cáo thành tích.pdf', bytes = pdfBytes()) {
  return t.as(UNIT_HEAD).post(`/api/candidates/${id}/evidence`).attach('file', bytes, { filename: name, contentType: 'application/pdf' });
}

/** A step: an event the unit head sends, or a review session ending in an outcome. */
type Step = [string, Record<string, unknown>] | ['COUNCIL', { outcome: CouncilOutcome; final?: boolean }] | ['REVOKE', Record<string, never>];

const PATH: Record<CandidateState, Step[]> = (() => {
  const nurturing: [string, Record<string, unknown>][] = [['START_NURTURING', { goals: 'Hoàn thiện mô hình', supporter: 'Phòng Nội vụ' }]];
  const ready: [string, Record<string, unknown>][] = [
    ...nurturing,
    ['RECORD_CHECK_IN', { date: '2025-04-01', strengths: 'Hiệu quả rõ rệt', shortcomings: 'Chưa lan tỏa' }],
  ];
  const review: Step[] = [...ready, ['PROPOSE_FOR_REVIEW', {}]];
  return {
    discovered: [],
    nurturing,
    underReview: review,
    publicNotice: [...review, ['COUNCIL', { outcome: 'RECOGNISE', final: false }]],
    returned: [...review, ['COUNCIL', { outcome: 'RETURN_TO_NURTURING' }]],
    recognised: [...review, ['COUNCIL', { outcome: 'RECOGNISE' }]],
    replicating: [...review, ['COUNCIL', { outcome: 'RECOGNISE' }], ['START_REPLICATION', {}]],
    replicationEnded: [...review, ['COUNCIL', { outcome: 'RECOGNISE' }], ['START_REPLICATION', {}], ['END_REPLICATION', { reasons: 'Không còn duy trì' }]],
    rejected: [...review, ['COUNCIL', { outcome: 'REJECT' }]],
    revoked: [...review, ['COUNCIL', { outcome: 'RECOGNISE' }], ['REVOKE', {}]],
    withdrawn: [['WITHDRAW', { reason: 'Đơn vị rút hồ sơ' }]],
  };
})();

/**
 * A candidate in the given state, reached through the API (evidence attached before review). Each is a subject of
 * its own (`newSubject`), so that candidates of one name in one unit never repeat each other's recognition (Luật
 * 2022 Điều 5), unless `sameSubjectAs` names an earlier candidacy of the same subject; `repeatJustification` then
 * goes with the nomination and the proposal.
 */
export async function newCandidate(
  t: TestApp,
  over: Partial<{ kind: string; name: string; unitId: string; field: string; year: number; state: CandidateState; sameSubjectAs: string; repeatJustification: string; womenSharePercent: number }> = {},
) {
  const unitId = over.unitId ?? (await newUnit(t)).id;
  const res = await t
    .as(UNIT_HEAD)
    .post('/api/candidates')
    .send({
      kind: over.kind ?? 'COLLECTIVE',
      name: over.name ?? 'Hợp tác xã Nông nghiệp Tân Thịnh',
      unitId,
      field: over.field ?? 'ECONOMY',
      year: over.year ?? 2025,
      discoveryChannel: 'REVIEW_CONFERENCE',
      achievement: 'Mô hình sản xuất theo chuỗi giá trị, thu nhập thành viên tăng 30%.',
      ...(over.sameSubjectAs ? { sameSubjectAs: over.sameSubjectAs } : { newSubject: true }),
      ...(over.repeatJustification ? { repeatJustification: over.repeatJustification } : {}),
      ...(over.womenSharePercent !== undefined ? { womenSharePercent: over.womenSharePercent } : {}),
    });
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  const state = over.state ?? 'discovered';
  if (PATH[state].some(([type]) => type === 'PROPOSE_FOR_REVIEW')) expect((await uploadEvidence(t, id)).status).toBe(201);
  for (const [type, payload] of PATH[state]) {
    if (type === 'REVOKE') {
      await revokeByDecision(t, id);
      continue;
    }
    if (type === 'COUNCIL') {
      const { outcome, final } = payload as { outcome: CouncilOutcome; final?: boolean };
      await decideThroughCouncil(t, [id], outcome, { final });
      continue;
    }
    const r = await sendEvent(t, id, type, type === 'PROPOSE_FOR_REVIEW' && over.repeatJustification ? { ...payload, repeatJustification: over.repeatJustification } : payload);
    expect({ type, status: r.status, body: r.status === 200 ? undefined : r.body }).toEqual({ type, status: 200, body: undefined });
  }
  const final = await t.as(UNIT_HEAD).get(`/api/candidates/${id}`);
  expect(final.body.state).toBe(state);
  return final.body as { id: string; version: number; state: CandidateState; unitId: string };
}

/** A file of test/fixtures (copies of the shared reference data, kept byte for byte). */
export function fixture(name: string): Buffer {
  return readFileSync(join(process.cwd(), 'test/fixtures', name));
}

/** Uploads a statistics table (CSV or .xlsx) as the secretariat, with the totals its source states, if any. */
export async function importStatistics(
  t: TestApp,
  bytes: Buffer,
  fileName = 'thong-ke.csv',
  stated: { collective?: number | string; individual?: number | string } = {},
  actor = SECRETARY,
) {
  const contentType = fileName.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
  let req = t.as(actor).post('/api/statistics/imports').attach('file', bytes, { filename: fileName, contentType });
  if (stated.collective !== undefined) req = req.field('statedCollective', String(stated.collective));
  if (stated.individual !== undefined) req = req.field('statedIndividual', String(stated.individual));
  return req;
}

/** Writes the next revision of a unit's plan for a year, reading the current revision first. */
export async function writeUnitPlan(t: TestApp, unitId: string, year: number, over: Record<string, unknown> = {}, actor = UNIT_HEAD) {
  const current = await t.as(actor).get(`/api/units/${unitId}/plans/${year}`);
  const expectedRevision = current.status === 200 ? (current.body.current.revision as number) : 0;
  return t
    .as(actor)
    .post(`/api/units/${unitId}/plans/${year}`)
    .send({ expectedRevision, buildingPlan: 'Xây dựng 5 điển hình mới', replicationPlan: 'Nhân rộng 3 mô hình ra các xã', ...over });
}
