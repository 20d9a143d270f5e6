/**
 * `@mfv/verification/kcb`: KCB (ok-name) phone identity verification, REST + browser form
 * (server only). Flow in endpoints.ts; security notes in SECURITY.md.
 */
export * from './client.js';
export * from './codes.js';
export * from './crypto.js';
export * from './endpoints.js';
export * from './errors.js';
export * from './result.js';
export * from './token.js';
export * from './result-fields.js';
