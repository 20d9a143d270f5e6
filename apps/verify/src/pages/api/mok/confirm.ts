import { apiRoute } from '../../../server/routes';

/** POST /verify/api/mok/confirm {authNumber?} — confirm/request, result checks, hand-off → one-time ticket (CSRF). */
export default apiRoute('mokConfirm');

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
