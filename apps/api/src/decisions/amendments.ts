/**
 * What the secretariat decides a correction or a revocation says, kept on its draft until the clerk numbers and
 * issues it (the decision itself is written only then, under the register's number).
 */
import type { RevocationGroundCode } from '#domain';

export interface RecipientCorrection {
  candidateId: string;
  name?: string;
  unitName?: string;
  achievement?: string;
}

export interface CorrectionTerms {
  kind: 'CORRECTION';
  reasons: string;
  recipients: RecipientCorrection[];
}

export interface RevocationTerms {
  kind: 'REVOCATION';
  reasons: string;
  grounds: RevocationGroundCode[];
  /** Absent: every exemplar the chain still recognises. */
  candidateIds?: string[];
}

export type AmendmentTerms = CorrectionTerms | RevocationTerms;
