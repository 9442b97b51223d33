import type { AuditEvent } from './audit-event.entity.js';

/** An audit record as the API shows it. */
export function auditView(e: AuditEvent) {
  return {
    seq: e.seq,
    eventType: e.eventType,
    fromState: e.fromState,
    toState: e.toState,
    payload: e.payload,
    actor: e.actor,
    occurredAt: e.occurredAt.toISOString(),
    machineVersion: e.machineVersion,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
