/** Clearances as people read them: each request with where it stands today, and the session's rule and agencies. */
import { CLEARANCE_RULE_LABELS, CLEARANCE_STATES } from '#workflow';
import type { ClearanceView, PeopleNames } from '#contracts';
import { peopleAmong } from '../audit/audit-names.js';
import { stateOf, type ClearanceRow } from './clearance.repository.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The logins a request names: who asked, and who recorded the answer. */
export const clearanceLogins = (rows: ClearanceRow[]) => rows.flatMap((r) => [r.requestedBy, r.answer?.recordedBy]);

/** `people`: the names of its logins (peopleNamed over `clearanceLogins`). */
export function clearanceView(row: ClearanceRow, candidateName: string, today: string, people: PeopleNames): ClearanceView {
  const state = stateOf(row, today);
  const { vi, en } = CLEARANCE_STATES.find((s) => s.code === state)!;
  const a = row.answer;
  return {
    id: row.id,
    itemId: row.itemId,
    candidateId: row.candidateId,
    candidateName,
    agency: { code: row.agencyCode, name: row.agencyName, subject: row.subject },
    profileVersion: row.profileVersion,
    requestedOn: row.requestedOn,
    dueOn: row.dueOn,
    letterNumber: row.letterNumber,
    requestedBy: row.requestedBy,
    requestedAt: iso(row.requestedAt),
    state,
    stateLabel: { vi, en },
    answer: a
      ? {
          answer: a.answer,
          reasons: a.reasons,
          documentNumber: a.documentNumber,
          documentDate: a.documentDate,
          file:
            a.fileName && a.contentType && a.sha256 && a.sizeBytes !== null
              ? { fileName: a.fileName, contentType: a.contentType, sizeBytes: a.sizeBytes, sha256: a.sha256, url: `/api/review-sessions/${row.sessionId}/clearances/${row.id}/document` }
              : null,
          recordedBy: a.recordedBy,
          recordedAt: iso(a.recordedAt),
          late: new Date(a.recordedAt).toISOString().slice(0, 10) > row.dueOn,
        }
      : null,
    people: peopleAmong(people, [row.requestedBy, a?.recordedBy]),
  };
}

export const ruleLabel = (rule: keyof typeof CLEARANCE_RULE_LABELS) => CLEARANCE_RULE_LABELS[rule];
