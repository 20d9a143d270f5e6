import { apiRoute } from '../../../server/routes';

/** POST /verify/api/mok/resend — auth/resend while re-sends are left (CSRF). */
export default apiRoute('mokResend');

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
