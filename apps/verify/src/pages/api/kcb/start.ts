import { kcbStart } from '../../../providers/kcb/routes';
import { apiRoute } from '../../../runtime';

/** POST /verify/api/kcb/start: defined and documented in src/providers/kcb/routes.ts. */
export default apiRoute(kcbStart);

// Next's body parser is off: bodies are read by @mfv/auth readJsonBody (JSON errors as {code, message}).
export const config = { api: { bodyParser: false } };
