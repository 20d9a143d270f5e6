export {
  createAuth,
  type Auth,
  type AuthContext,
  type AuthDeps,
  type AuthedApiRequest,
  type AuthedHandler,
  type AuthPageProps,
  type Viewer,
  type ViewerState,
  type WithAuthOptions,
} from './auth.js';
export { defaultAuth, withAuth, withAuthSSR, getViewer, csrfHandler, handleErrors } from './runtime.js';
export { authConfigFromEnv, type AuthConfig } from './env.js';
export {
  AuthError,
  AuthUnavailableError,
  AUTH_ERROR_MESSAGES,
  AUTH_RETRY_AFTER_SECONDS,
  type AuthErrorCode,
} from './errors.js';
export { BackendError, BackendUnavailableError, callApi, type BackendCall } from './backend.js';
export {
  cookieName,
  cookiePolicyFor,
  readCookie,
  serializeCookie,
  clearCookie,
  appendSetCookie,
  type CookiePolicy,
} from './cookies.js';
export { seal, unseal, randomId } from './crypto.js';
export { CSRF_HEADER, checkCsrf, checkOrigin, csrfToken } from './csrf.js';
export { createPreflight, type Preflight, type PreflightResult, type AccessClaims } from './preflight.js';
export { refreshSession, type RefreshOutcome } from './refresh.js';
export { SessionStore, sessionKey, type SessionRecord } from './session-store.js';
export { safeReturnTo } from './redirect.js';
export { clientIp, RateLimit, RATE_LIMITED_MESSAGE } from './rate-limit.js';
export { logEvent, reportUnexpected } from './log.js';
export { refuseMethod, METHOD_NOT_ALLOWED_MESSAGE } from './method.js';
export {
  readJsonBody,
  BodyError,
  BODY_ERRORS,
  DEFAULT_BODY_LIMIT_BYTES,
  type BodyErrorCode,
} from './body.js';
export { createRevocationList, REVOCATION_POLL_MS, type RevocationCheck } from './revocations.js';
export { readVerificationStatus, VERIFICATION_STATUS_TIMEOUT_MS } from './verification-status.js';
