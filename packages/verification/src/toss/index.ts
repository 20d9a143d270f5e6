/**
 * `@mfv/verification/toss`: Toss (apps-in-toss) login over mTLS (server only): tokens, login-me,
 * field decryption, and the mapping into the platform identity.
 */
export * from './client.js';
export * from './codes.js';
export * from './crypto.js';
export * from './endpoints.js';
export * from './errors.js';
export * from './identity.js';
