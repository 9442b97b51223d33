/**
 * The audit trail's streams: one hash chain per thing that changes. Every stream name is built here, so that a
 * writer, the trails and the verifier can never disagree on one.
 */
/** The prefixes shared by every candidate's and every unit's stream (for SQL that builds or matches them). */
export const CANDIDATE_STREAM_PREFIX = 'candidate:';
export const UNIT_STREAM_PREFIX = 'unit:';

export const candidateStream = (id: string) => `${CANDIDATE_STREAM_PREFIX}${id}`;
export const unitStream = (id: string) => `${UNIT_STREAM_PREFIX}${id}`;
export const accountStream = (accountId: string | null) => `account:${accountId ?? 'unknown'}`;
/** Security records about a client address rather than an account (e.g. password spraying held back). */
export const addressStream = (address: string) => `address:${address}`;
/** Repeated security records past the aggregation's bound on distinct keys, counted together. */
export const SECURITY_OVERFLOW_STREAM = 'security:overflow';
export const reviewSessionStream = (id: string) => `review-session:${id}`;
export const criteriaSetStream = (code: string) => `criteria-set:${code}`;
export const movementStream = (id: string) => `movement:${id}`;
export const unitPlanStream = (unitId: string, year: number) => `unit-plan:${unitId}:${year}`;
export const decisionStream = (authorityCode: string, year: number) => `decisions:${authorityCode}:${year}`;
/** The chain of one candidate's achievement report (báo cáo thành tích): its pre-filled first version and every edit. */
export const achievementReportStream = (candidateId: string) => `achievement-report:${candidateId}`;
/** The chain of a document register (sổ đăng ký văn bản): opened, its mode changed. */
export const documentRegisterStream = (id: string) => `document-register:${id}`;
/** The chain of a decision draft: drafted, numbered by the clerk, issued. */
export const decisionDraftStream = (id: string) => `decision-draft:${id}`;
/** The chain of the jurisdiction profile's versions (one for all of them: publishing is serialised on it). */
export const JURISDICTION_PROFILE_STREAM = 'jurisdiction-profile';
/** The chain of the rehearsal clock's changes (one: changes are serialised on it). */
export const REHEARSAL_CLOCK_STREAM = 'rehearsal-clock';
/** The chain of historical statistics imports (one for all of them: imports are serialised on it). */
export const STATISTICS_IMPORT_STREAM = 'statistics:import';
/** The chain of the statistics series' events (mergers of provinces), serialised on it. */
export const STATISTICS_SERIES_STREAM = 'statistics:series';
/** The chain of the unit tree's bulk imports (one for all of them: applying is serialised on it). */
export const UNIT_IMPORT_STREAM = 'unit-import';
/** The chain of the unit tree's reorganisations (one: operations on the tree are serialised on it). */
export const UNIT_TREE_STREAM = 'unit-tree';
/** The chain of the product's backup runs (made or failed), serialised on it. */
export const BACKUP_STREAM = 'backups';
/** The chain of one council: its setting up and every composition published for it. */
export const councilStream = (id: string) => `council:${id}`;
/** Publications of council rule sets (every code in one stream: "the one in force" is the one published last). */
export const COUNCIL_RULE_SET_STREAM = 'council-rule-set';
