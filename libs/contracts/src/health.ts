/** Liveness and readiness, for the process supervisor and the load balancer. */
import { Type, json, type EndpointTable } from './schema.js';

export const Liveness = Type.Object({ status: Type.Literal('ok') });
export const Readiness = Type.Union([
  Type.Object({ status: Type.Literal('ready'), database: Type.Literal('up') }),
  Type.Object({ status: Type.Literal('not-ready'), database: Type.Literal('down') }),
]);

export const HEALTH_ENDPOINTS = {
  'GET /health': json(Liveness),
  'GET /health/ready': json(Readiness),
} satisfies EndpointTable;
