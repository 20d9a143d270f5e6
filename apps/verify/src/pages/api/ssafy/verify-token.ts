import { apiRoute } from '../../../server/routes';

/**
 * POST /verify/api/ssafy/verify-token {code, codeVerifier, redirectUri, iss, state} — state,
 * issuer and PKCE checked, the code exchanged, the verification_token validated; answers only
 * `{ok, verified, sub, cohort, campus, authTime}` (CSRF).
 */
export default apiRoute('ssafyVerifyToken');
