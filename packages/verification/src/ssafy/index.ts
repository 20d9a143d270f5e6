/**
 * `@mfv/verification/ssafy`: SSAFY Verify backend (server only): the code exchange at
 * `/verify/token` and the `verification_token` validation. Browser-safe helpers (PKCE, state,
 * issuer check, UI error codes) are in `@mfv/verification/ssafy/browser`.
 */
export * from './browser.js';
export * from './client.js';
export * from './errors.js';
export * from './jwt.js';
export * from './token.js';
