import { apiRoute } from '../../../server/routes';

/** POST /verify/api/ssafy/start — a transaction bound to this browser; answers its `state` (CSRF). */
export default apiRoute('ssafyStart');

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
