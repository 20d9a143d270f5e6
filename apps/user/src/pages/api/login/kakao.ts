import { handleErrors, refuseMethod } from '@mfv/auth';
import { startKakaoLogin } from '../../../server/kakao-login';
import { admitLoginStart } from '../../../server/login-limit';

/**
 * GET /user/api/login/kakao?returnTo=… — starts a Kakao login (state + PKCE) and redirects to Kakao.
 * Rate-limited per client IP (login-limit.ts).
 */
export default handleErrors(async (req, res) => {
  if (refuseMethod(req.method, res, ['GET'])) return;
  res.setHeader('Cache-Control', 'no-store');
  if (!(await admitLoginStart(req, res))) return;
  res.redirect(302, startKakaoLogin(req, res));
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
