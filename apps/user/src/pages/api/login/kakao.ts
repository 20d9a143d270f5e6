import { handleErrors } from '@mfv/auth';
import { startKakaoLogin } from '../../../server/kakao-login';

/** GET /user/api/login/kakao?returnTo=… — starts a Kakao login (state + PKCE) and redirects to Kakao. */
export default handleErrors((req, res) => {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    res.status(405).json({ code: 'METHOD_NOT_ALLOWED', message: 'GET only' });
    return;
  }
  res.setHeader('Cache-Control', 'no-store');
  res.redirect(302, startKakaoLogin(req, res));
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
