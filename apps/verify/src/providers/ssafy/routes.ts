/**
 * The SSAFY Verify API routes (`/verify/api/ssafy/…`, served by `pages/api/ssafy/*.ts`): each
 * one's body schema, rate limit and the SsafyService method that handles it (./service.ts).
 */
import { PKCE_VERIFIER_PATTERN } from '@mfv/verification/ssafy/browser';
import { z } from 'zod';
import { defineRoute } from '../../core/http';
import type { VerifyRuntime } from '../../runtime';

/** POST /verify/api/ssafy/start — a transaction bound to this browser and its owner; answers when it ends. */
export const ssafyStart = defineRoute({
  name: 'ssafyStart',
  schema: z.strictObject({}),
  limit: 'start',
  handle: (rt: VerifyRuntime, ctx) => rt.ssafy.start(ctx),
});

/**
 * POST /verify/api/ssafy/start-redirect — the full-page variant (phones, in-app browsers): a
 * transaction keeping this server's state and PKCE verifier; answers the issuer's authorize URL.
 * The callback comes back to the redirect URI's page (pages/ssafy/callback.tsx).
 */
export const ssafyStartRedirect = defineRoute({
  name: 'ssafyStartRedirect',
  schema: z.strictObject({}),
  limit: 'start',
  handle: (rt: VerifyRuntime, ctx) => rt.ssafy.startRedirect(ctx),
});

/**
 * POST /verify/api/ssafy/verify-token {code, codeVerifier, redirectUri, iss} — the token exchange
 * within this browser's transaction: issuer and redirect URI checked, the code used once and
 * exchanged with its PKCE verifier, the verification_token validated and its auth_time inside the
 * transaction; answers only `{ok, verified, sub, cohort, campus, authTime}`. The body is exactly
 * client-to-backend.json of SSAFY Verify 플랫폼 가이드 (Vue/Nuxt), "공통 서버 token exchange 계약".
 */
export const ssafyVerifyToken = defineRoute({
  name: 'ssafyVerifyToken',
  schema: z.strictObject({
    code: z.string().regex(/^[\x21-\x7e]{1,2048}$/, { message: 'must be the callback code' }),
    codeVerifier: z.string().regex(PKCE_VERIFIER_PATTERN, { message: 'must be an RFC 7636 code_verifier' }),
    redirectUri: z.string().min(1).max(2048),
    iss: z.string().min(1).max(2048),
  }),
  limit: 'confirm',
  handle: (rt: VerifyRuntime, ctx, body) => rt.ssafy.verifyToken(ctx, body),
});
