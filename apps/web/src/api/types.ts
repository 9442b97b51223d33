/**
 * The shapes the API answers with (see /api/docs-json). Codes are typed with the shared vocabulary, so a
 * renamed state or event breaks the web app's type-check rather than a screen.
 */
import type { CandidateView, EvidenceView } from '#contracts';

/**
 * Types of the candidate routes still imported by the council pages: the contracts' own (libs/contracts),
 * until those pages import them from #contracts.
 */
export type Candidate = CandidateView;
export type EvidenceFile = EvidenceView;
