/**
 * The API's response contracts, shared by the API (its views return these types, its description declares these
 * schemas, its tests check every response against them) and the web app (its client is typed by them).
 * JSON Schemas built with TypeBox; no Nest, no database, no browser code.
 */
export * from './schema.js';
export * from './errors.js';
export * from './health.js';
export * from './accounts.js';
export * from './notifications.js';
export * from './units.js';
export * from './candidates.js';
export * from './nurturing.js';
export * from './evidence.js';
export * from './holds.js';
export * from './replication.js';
export * from './reviews.js';
export * from './decisions.js';
export * from './revocations.js';
export * from './dossier.js';
export * from './decision-drafts.js';
export * from './jurisdiction.js';
export * from './council-rules.js';
export * from './rehearsal.js';
export * from './clearances.js';
export * from './backups.js';
export * from './councils.js';
export * from './audit.js';
export * from './movements.js';
export * from './lookup.js';
export * from './statistics.js';
export * from './unit-import.js';
export * from './publicity.js';
export * from './signatures.js';
export * from './dashboards.js';
export * from './endpoints.js';
