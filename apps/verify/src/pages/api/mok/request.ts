import { apiRoute } from '../../../server/routes';

/** POST /verify/api/mok/request {carrier, name, phone, birthday, gender, nation, usageCode} — auth/request (CSRF). */
export default apiRoute('mokRequest');

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
