/**
 * The wire contract of `@mfv/api`: request and response schemas of every route, the error codes,
 * and the access-token profile, one module per resource. Imported by the api, the Next servers and
 * `@mfv/auth`, so it depends on zod alone — never on server-only modules (pg, PGlite, node:crypto,
 * fastify).
 */
export * from './token-profile.js';
export * from './paths.js';
export * from './errors.js';
export * from './sessions.js';
export * from './members.js';
export * from './consents.js';
export * from './notices.js';
export * from './verifications.js';
export * from './health.js';
