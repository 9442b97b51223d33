import { untypedApi } from '../api/client';
import type { EvidenceFile, TransitionResult } from '../api/types';

/** The types the API accepts as evidence (apps/api/src/evidence/evidence-policy.ts), for the file picker. */
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.doc,.docx,.xls,.xlsx,.mp4';

export function uploadEvidence(candidateId: string, file: File, expectedVersion?: number) {
  const form = new FormData();
  form.append('file', file, file.name);
  return untypedApi.upload<TransitionResult & { evidence: EvidenceFile }>(`/api/candidates/${candidateId}/evidence`, form, { expectedVersion });
}

export const evidenceUrl = (candidateId: string, evidenceId: string) => `/api/candidates/${candidateId}/evidence/${evidenceId}`;
