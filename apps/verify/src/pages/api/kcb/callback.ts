import { kcbCallbackRoute } from '../../../runtime';

/** GET /verify/api/kcb/callback (KCB's return URL /verify/kcb/callback, rewritten): src/providers/kcb/routes.ts. */
export default kcbCallbackRoute();

// Next's body parser is off: bodies are read by @mfv/auth readJsonBody (JSON errors as {code, message}).
export const config = { api: { bodyParser: false } };
