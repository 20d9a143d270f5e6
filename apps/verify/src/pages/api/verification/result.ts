import { apiRoute } from '../../../server/routes';

/**
 * POST /verify/api/verification/result {ticket} — spends the one-time ticket a completed
 * verification handed out; answers masked fields only (CSRF). Any provider's flow ends here.
 */
export default apiRoute('verificationResult');

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
