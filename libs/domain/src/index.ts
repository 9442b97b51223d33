/**
 * The programme's shared vocabulary: codes and vi/en labels used by the API, the web app and the workflow.
 * Pure data; no I/O and no framework imports.
 */
export * from './labelled.js';
export * from './catalog.js';
export * from './criteria.js';
export * from './units.js';
export * from './calendar.js';
export * from './roles.js';
export * from './fold.js';
export * from './movements.js';
export * from './audit-problems.js';
export * from './jurisdiction.js';
export * from './notifications.js';
export * from './councils.js';
export * from './revocation.js';
export * from './audit-vocabulary.js';
export * from './ballot-receipt.js';
