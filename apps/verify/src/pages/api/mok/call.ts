import { apiRoute } from '../../../server/routes';

/** POST /verify/api/mok/call — auth/call: the ARS call (CSRF). */
export default apiRoute('mokCall');

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
