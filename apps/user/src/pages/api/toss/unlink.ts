import { tossUnlinkHandler } from '../../../server/toss-unlink';

/**
 * POST (JSON) or GET (query) /user/api/toss/unlink — Toss's unlink callback, HTTP Basic auth.
 * See server/toss-unlink.ts.
 */
export default tossUnlinkHandler;

// `{userKey, referrer}` is a few dozen bytes.
export const config = { api: { bodyParser: { sizeLimit: '2kb' } } };
