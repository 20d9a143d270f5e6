import { apiRoute } from '../../../server/routes';

/**
 * POST /verify/api/verification/result {ticket} — spends the one-time ticket a completed
 * verification handed out; answers masked fields only (CSRF). Any provider's flow ends here.
 */
export default apiRoute('verificationResult');
