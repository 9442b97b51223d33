/**
 * The response contracts (libs/contracts) and the API agree: every route of the OpenAPI description has exactly
 * one contract and the description declares its schema. (Each response is checked against its contract in every
 * other test: the test app runs with VALIDATE_RESPONSES.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENDPOINTS } from '#contracts';
import { operationsOf } from '../apps/api/src/contracts/openapi-responses.js';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * Routes whose contracts are still to be written, while the features move to libs/contracts one by one. Writing a
 * route's contract means taking it off this list; the list only shrinks, and goes when it is empty.
 */
const STILL_WITHOUT_CONTRACT = [
  "GET /api/audit/checkpoints",
  "GET /api/audit/checkpoints/consistency",
  "GET /api/audit/checkpoints/latest",
  "GET /api/audit/export",
  "GET /api/audit/records",
  "GET /api/audit/verify",
  "GET /api/candidates/{id}/history",
  "GET /api/candidates/{id}/movements",
  "GET /api/lookup",
  "GET /api/lookup/subjects/{candidateId}",
  "GET /api/movements",
  "GET /api/movements/{id}",
  "GET /api/movements/{id}/documents/{documentId}",
  "GET /api/statistics/exemplars",
  "GET /api/statistics/exemplars/csv",
  "GET /api/statistics/exemplars/xlsx",
  "GET /api/statistics/imports",
  "GET /api/statistics/imports/{id}",
  "POST /api/audit/checkpoints",
  "POST /api/audit/verify",
  "POST /api/candidates/{id}/movements",
  "POST /api/movements",
  "POST /api/movements/{id}/documents",
  "POST /api/movements/{id}/registrations",
  "POST /api/movements/{id}/registrations/{registrationId}/amend",
  "POST /api/movements/{id}/registrations/{registrationId}/withdraw",
  "POST /api/movements/{id}/reviews",
  "POST /api/movements/{id}/revisions",
  "POST /api/movements/{id}/start",
  "POST /api/statistics/imports",
];

describe('response contracts', () => {
  let t: TestApp;
  let document: Parameters<typeof operationsOf>[0];
  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http.get('/api/docs-json')).body;
  });
  afterAll(() => t.close());

  it('cover every route of the description, and only those', () => {
    const operations = operationsOf(document).sort();
    const contracts = Object.keys(ENDPOINTS).sort();
    expect({ withoutContract: operations.filter((o) => !contracts.includes(o)), withoutRoute: contracts.filter((c) => !operations.includes(c)) }).toEqual({
      withoutContract: [...STILL_WITHOUT_CONTRACT].sort(),
      withoutRoute: [],
    });
  });

  it('are declared in the description as the success response of each route', () => {
    const candidate = document.paths['/api/units/{id}']!.get!.responses['200'] as { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
    expect(Object.keys(candidate.content['application/json']!.schema.properties)).toEqual(expect.arrayContaining(['id', 'name', 'level', 'parentId']));
    const tree = document.paths['/api/units']!.get!.responses['200'] as { content: Record<string, { schema: { items: { $ref: string } } }> };
    expect(tree.content['application/json']!.schema.items.$ref).toBe('#/components/schemas/UnitNode');
    expect(document.components!.schemas!.UnitNode).toBeDefined();
  });
});
