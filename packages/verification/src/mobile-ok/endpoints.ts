/**
 * One pair of functions per API step, one module per step under ./endpoints/ (after oauth4webapi): `requestMokX()` builds
 * and sends the request and returns the raw `Response`; `processMokXResponse()` checks every
 * field it uses and returns a typed value, or throws. Processors take recorded responses in tests.
 *
 * Every step hands out a new `encryptMOKToken` that replaces the previous one (본인확인-API 가이드 §4–§7); the
 * processors always return it (and a failed step's {@link MokResultError} carries it when sent).
 */
export { MOK_MAX_TOKEN_LENGTH, type MokRequestOptions } from './endpoints/shared.js';
export * from './endpoints/token.js';
export * from './endpoints/auth.js';
export * from './endpoints/resend.js';
export * from './endpoints/call.js';
export * from './endpoints/confirm.js';
