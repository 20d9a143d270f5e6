/**
 * `@mfv/verification/mobile-ok`: the mobile-ok 본인확인-API client core (server only).
 *
 * Flow (본인확인-API 가이드 §3.1): token/get → auth/request → (auth/resend) → (auth/call for ARS) →
 * confirm/request → open the result. Each step is `requestMokX()` + `processMokXResponse()`.
 */
export * from './client.js';
export * from './client-tx-id.js';
export * from './codes.js';
export * from './crypto.js';
export * from './endpoints.js';
export * from './errors.js';
export * from './errors.js';
export * from './http.js';
export * from './keyfile.js';
export * from './mok-result.js';
export * from './validation.js';
