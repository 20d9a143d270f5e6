import { noticeIdParamsSchema } from '@mfv/api-contract';
import { withAuth, refuseMethod } from '@mfv/auth';

/** POST /notice/api/notices/:id/read (CSRF) — marks one notice read for the member. */
export default withAuth(async (req, res) => {
  if (refuseMethod(req.method, res, ['POST'])) return;
  const params = noticeIdParamsSchema.safeParse({ id: req.query.id });
  if (!params.success) {
    res.status(400).json({ code: 'INVALID_NOTICE_ID', message: '알림 번호가 올바르지 않아요.' });
    return;
  }
  await req.auth.api(`/notices/${params.data.id}/read`, { method: 'POST' });
  res.status(204).end();
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
