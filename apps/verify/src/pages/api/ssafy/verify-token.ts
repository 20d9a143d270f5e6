import { ssafyVerifyToken } from '../../../providers/ssafy/routes';
import { apiRoute } from '../../../runtime';

/** POST /verify/api/ssafy/verify-token: defined and documented in src/providers/ssafy/routes.ts. */
export default apiRoute(ssafyVerifyToken);

// Next's body parser is off: bodies are read by @mfv/auth readJsonBody (JSON errors as {code, message}).
export const config = { api: { bodyParser: false } };
