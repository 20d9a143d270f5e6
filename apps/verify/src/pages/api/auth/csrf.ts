import { csrfHandler } from '@mfv/auth';

/** GET /verify/api/auth/csrf — a CSRF token for this browser's session (see @mfv/auth csrf.ts). */
export default csrfHandler;

// Next's body parser is off: bodies are read by @mfv/auth readJsonBody (JSON errors as {code, message}).
export const config = { api: { bodyParser: false } };
