import { api } from '../api/client';

/** The types the API accepts as evidence (apps/api/src/evidence/evidence-policy.ts), for the file picker. */
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.doc,.docx,.xls,.xlsx,.mp4';

export function uploadEvidence(candidateId: string, file: File, expectedVersion?: number) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload('/api/candidates/{id}/evidence', form, { path: { id: candidateId }, query: { expectedVersion } });
}

export const evidenceUrl = (candidateId: string, evidenceId: string) => `/api/candidates/${candidateId}/evidence/${evidenceId}`;

/** The same file shown inside the page (PDFs and pictures only; the server downloads anything else). */
export const evidencePreviewUrl = (candidateId: string, evidenceId: string) => `${evidenceUrl(candidateId, evidenceId)}?inline=true`;

/** How a file of this type is read in the page, if it can be. */
export function previewKind(contentType: string): 'pdf' | 'image' | null {
  if (contentType === 'application/pdf') return 'pdf';
  if (['image/jpeg', 'image/png', 'image/webp'].includes(contentType)) return 'image';
  return null;
}
