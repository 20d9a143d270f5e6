import { tossUnlinkHandler } from '../../../server/toss-unlink';

/**
 * POST (JSON) or GET (query) /user/api/toss/unlink — Toss's unlink callback, HTTP Basic auth.
 * See server/toss-unlink.ts.
 */
export default tossUnlinkHandler;

// Read by the handler (readJsonBody, 2 KB: `{userKey, referrer}` is a few dozen bytes), F7.
export const config = { api: { bodyParser: false } };
