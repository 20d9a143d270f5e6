import { unreadCountResponseSchema } from '@mfv/api-contract';
import { withAuth, refuseMethod } from '@mfv/auth';

/** GET /notice/api/notices/unread-count */
export default withAuth(async (req, res) => {
  if (refuseMethod(req.method, res, ['GET'])) return;
  res.setHeader('Cache-Control', 'private, no-store');
  res.status(200).json(await req.auth.api('/notices/unread-count', { schema: unreadCountResponseSchema }));
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
