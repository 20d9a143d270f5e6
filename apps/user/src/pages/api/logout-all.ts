import { defaultAuth, withAuth, refuseMethod } from '@mfv/auth';

/** POST /user/api/logout-all (CSRF) — ends every session of the user (all devices). */
export default withAuth(async (req, res) => {
  if (refuseMethod(req.method, res, ['POST'])) return;
  await defaultAuth().endSession(req.auth, res, true);
  res.status(204).end();
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
