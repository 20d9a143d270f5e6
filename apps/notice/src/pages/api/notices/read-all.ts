import { NOTICES_MAX_LIMIT, noticesResponseSchema } from '@mfv/api-contract';
import { withAuth } from '@mfv/auth';

/** How many read marks go to the api at once. */
const CONCURRENCY = 5;

/**
 * POST /notice/api/notices/read-all (CSRF) — 모두 읽음: marks every unread notice of the member's
 * newest NOTICES_MAX_LIMIT read, through the api's per-notice read (idempotent), a few at a time.
 * Answers how many it marked.
 */
export default withAuth(async (req, res) => {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    res.status(405).json({ code: 'METHOD_NOT_ALLOWED', message: 'POST only' });
    return;
  }
  const { items } = await req.auth.api(`/notices?limit=${NOTICES_MAX_LIMIT}`, {
    schema: noticesResponseSchema,
  });
  const unread = items.filter((n) => !n.read).map((n) => n.id);
  for (let i = 0; i < unread.length; i += CONCURRENCY) {
    await Promise.all(
      unread
        .slice(i, i + CONCURRENCY)
        .map((id) => req.auth.api(`/notices/${encodeURIComponent(id)}/read`, { method: 'POST' })),
    );
  }
  res.status(200).json({ marked: unread.length });
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
