import { mokStart } from '../../../providers/mobile-ok/routes';
import { apiRoute } from '../../../runtime';

/** POST /verify/api/mok/start: defined and documented in src/providers/mobile-ok/routes.ts. */
export default apiRoute(mokStart);

// Next's body parser is off: bodies are read by @mfv/auth readJsonBody (JSON errors as {code, message}).
export const config = { api: { bodyParser: false } };
