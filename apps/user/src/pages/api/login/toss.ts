import { handleErrors } from '@mfv/auth';
import { admitLoginStart } from '../../../server/login-limit';
import { defaultTossLoginDeps, startTossLogin } from '../../../server/toss-login';
import { TossUnavailableError } from '../../../server/toss-runtime';

/**
 * GET /user/api/login/toss?returnTo=… — starts a Toss login (state sealed in a cookie) and sends
 * the browser to the appLogin step (TOSS_APP_LOGIN_URL). Rate-limited per client IP (login-limit.ts).
 */
export default handleErrors(async (req, res) => {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    res.status(405).json({ code: 'METHOD_NOT_ALLOWED', message: 'GET only' });
    return;
  }
  res.setHeader('Cache-Control', 'no-store');
  if (!(await admitLoginStart(req, res))) return;
  try {
    res.redirect(302, startTossLogin(defaultTossLoginDeps(), req, res));
  } catch (error) {
    if (error instanceof TossUnavailableError && error.code === 'TOSS_DISABLED') {
      res.status(404).json({ code: 'NOT_FOUND', message: 'Toss login is disabled' });
      return;
    }
    throw error;
  }
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
