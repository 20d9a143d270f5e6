/**
 * SSAFY Verify in the verify remote: what the pages, the hook and the server share.
 * Browser-safe: no secrets (the client secret, when there is one, stays in server env).
 */

/** The page a person starts from, and the registered redirect URI's page (loads the SDK too). */
export const SSAFY_PAGE_PATH = '/verify/ssafy';
export const SSAFY_CALLBACK_PATH = '/verify/ssafy/callback';

/** What the pages need to call the hosted SDK: public values only, from server configuration. */
export interface SsafyPublicConfig {
  /** The hosted SDK script (`<issuer>/sdk/ssafy-verify.js` unless configured). */
  sdkUrl: string;
  /** Compared with the callback's `iss` (RFC 9207 §2.4: exact string comparison). */
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** Always includes `ssafy.verify`. */
  scopes: string[];
}

/** POST /verify/api/ssafy/start. */
export interface SsafyStartResponse {
  /** When this browser's transaction ends: the callback must be handed back before. */
  expiresAt: string;
}

/** POST /verify/api/ssafy/start-redirect: the full-page flow's way to the issuer. */
export interface SsafyRedirectStartResponse extends SsafyStartResponse {
  /** The issuer's authorize page, with this server's state and PKCE challenge: this window goes there. */
  authorizeUrl: string;
}

/** POST /verify/api/ssafy/verify-token: the minimal result (the SSAFY Verify guide's backend-success.json). */
export interface SsafyVerifyTokenResponse {
  ok: true;
  verified: true;
  sub: string;
  cohort: string | null;
  campus: string | null;
  /** `auth_time`, NumericDate seconds. */
  authTime: number;
}

/** The hook's result (the SSAFY Verify guide's `VerifyResult`). */
export type SsafyVerifyResult =
  SsafyVerifyTokenResponse | { ok: false; errorCode: string; requestId: string | null; message: string };
