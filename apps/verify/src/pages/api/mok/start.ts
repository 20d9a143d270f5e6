import { apiRoute } from '../../../server/routes';

/** POST /verify/api/mok/start {service} — token/get; a new transaction bound to this browser (CSRF). */
export default apiRoute('mokStart');

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
