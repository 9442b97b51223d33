import { api } from '../api/client';

/** The types the API accepts as evidence (apps/api/src/evidence/evidence-policy.ts), for the file picker. */
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.doc,.docx,.xls,.xlsx,.mp4';

export function uploadEvidence(candidateId: string, file: File, expectedVersion?: number) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload('/api/candidates/{id}/evidence', form, { path: { id: candidateId }, query: { expectedVersion } });
}

export const evidenceUrl = (candidateId: string, evidenceId: string) => `/api/candidates/${candidateId}/evidence/${evidenceId}`;
