import { API_PATHS, noticesReadAllResponseSchema } from '@mfv/api-contract';
import { withAuth, refuseMethod } from '@mfv/auth';

/**
 * POST /notice/api/notices/read-all (CSRF) — 모두 읽음: one call to the api's
 * `POST /notices/read-all`, which marks every published notice of the member read at once.
 * Answers how many were unread.
 */
export default withAuth(async (req, res) => {
  if (refuseMethod(req.method, res, ['POST'])) return;
  const { marked } = await req.auth.api(API_PATHS.noticesReadAll, {
    method: 'POST',
    schema: noticesReadAllResponseSchema,
  });
  res.status(200).json({ marked });
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
