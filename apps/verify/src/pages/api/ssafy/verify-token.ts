import { apiRoute } from '../../../server/routes';

/**
 * POST /verify/api/ssafy/verify-token {code, codeVerifier, redirectUri, iss, state} — state,
 * issuer and PKCE checked, the code exchanged, the verification_token validated; answers only
 * `{ok, verified, sub, cohort, campus, authTime}` (CSRF).
 */
export default apiRoute('ssafyVerifyToken');

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
