import { defaultAuth, withAuth, refuseMethod } from '@mfv/auth';

/** POST /user/api/logout (CSRF) — ends this session at the api, in Redis and in the browser. */
export default withAuth(async (req, res) => {
  if (refuseMethod(req.method, res, ['POST'])) return;
  await defaultAuth().endSession(req.auth, res, false);
  res.status(204).end();
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
