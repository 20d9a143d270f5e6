import { ssafyStartRedirect } from '../../../providers/ssafy/routes';
import { apiRoute } from '../../../runtime';

/** POST /verify/api/ssafy/start-redirect: defined and documented in src/providers/ssafy/routes.ts. */
export default apiRoute(ssafyStartRedirect);

// Next's body parser is off: bodies are read by @mfv/auth readJsonBody (JSON errors as {code, message}).
export const config = { api: { bodyParser: false } };
