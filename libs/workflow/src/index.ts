/**
 * The candidate workflow and the review session's lifecycle: pure XState statecharts and the operations the API
 * performs with them.
 * No Nest, no database, no clock: everything here is deterministic and testable on its own.
 */
export * from './candidate.machine.js';
export * from './events.js';
export * from './states.js';
export * from './engine.js';
export * from './event-roles.js';
export * from './council.js';
export * from './council-rules.js';
export * from './clearances.js';
export * from './council-presets.js';
export * from './council-quota.js';
export * from './council-rule-words.js';
export * from './review-session.lifecycle.js';
export * from './review-session.steps.js';
export * from './movement.lifecycle.js';
