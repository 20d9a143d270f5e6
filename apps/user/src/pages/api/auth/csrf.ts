import { csrfHandler } from '@mfv/auth';

/** GET /user/api/auth/csrf — a CSRF token for this browser's session (see @mfv/auth csrf.ts). */
export default csrfHandler;

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
