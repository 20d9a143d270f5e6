import { kcbCallbackRoute } from '../../../server/routes';

/** GET /verify/api/kcb/callback?svc_tkn=… — KCB's return URL: 303 to our result or fail page. */
export default kcbCallbackRoute();

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
