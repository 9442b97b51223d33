/**
 * The response contracts (libs/contracts) and the API agree: every route of the OpenAPI description has exactly
 * one contract and the description declares its schema. (Each response is checked against its contract in every
 * other test: the test app runs with VALIDATE_RESPONSES.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENDPOINTS } from '#contracts';
import { operationsOf } from '../apps/api/src/contracts/openapi-responses.js';
import { startTestApp, type TestApp } from './support/app.js';

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
      withoutContract: [],
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
