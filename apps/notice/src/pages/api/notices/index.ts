import { noticesResponseSchema, NOTICES_MAX_LIMIT } from '@mfv/api-contract';
import { withAuth, refuseMethod } from '@mfv/auth';

/** GET /notice/api/notices?limit= — the signed-in member's notices, newest first, with read flags. */
export default withAuth(async (req, res) => {
  if (refuseMethod(req.method, res, ['GET'])) return;
  const limit = Number(req.query.limit ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > NOTICES_MAX_LIMIT) {
    res
      .status(400)
      .json({ code: 'INVALID_LIMIT', message: `한 번에 1~${NOTICES_MAX_LIMIT}개까지 불러올 수 있어요.` });
    return;
  }
  res.setHeader('Cache-Control', 'private, no-store');
  res.status(200).json(await req.auth.api(`/notices?limit=${limit}`, { schema: noticesResponseSchema }));
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
