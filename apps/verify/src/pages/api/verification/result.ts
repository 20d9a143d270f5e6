import { verificationResult } from '../../../core/result';
import { apiRoute } from '../../../runtime';

/** POST /verify/api/verification/result: defined and documented in src/core/result.ts. */
export default apiRoute(verificationResult);

// Next's body parser is off: bodies are read by @mfv/auth readJsonBody (JSON errors as {code, message}).
export const config = { api: { bodyParser: false } };
