import { apiRoute } from '../../../server/routes';

/**
 * POST /verify/api/kcb/start {successUrl?, failUrl?} — popup-start with the fixed return URL; a
 * transaction bound to this browser; answers the form for KCB's page (CSRF).
 */
export default apiRoute('kcbStart');

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
