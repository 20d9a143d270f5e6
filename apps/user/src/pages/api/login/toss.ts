import { checkCsrf, handleErrors, readJsonBody, refuseMethod } from '@mfv/auth';
import { admitLoginStart } from '../../../server/login-limit';
import { completeTossLogin, defaultTossLoginDeps, tossLoginBodySchema } from '../../../server/toss-login';

/**
 * POST /user/api/login/toss {authorizationCode, referrer, returnTo?} — what appLogin() answered inside
 * the Toss app, posted by the login page (../../../client/toss-app.ts). Order: Toss login enabled,
 * rate limit per client IP (login-limit.ts: the same budget as the login starts), CSRF (Origin +
 * signed double-submit token), a strictly checked body, then generate-token / login-me over mTLS and
 * the member (server/toss-login.ts). Answers 200 {redirectTo} (a same-origin path) or {code, message}.
 */
export default handleErrors(async (req, res) => {
  res.setHeader('Cache-Control', 'no-store');
  if (refuseMethod(req.method, res, ['POST'])) return;
  const deps = defaultTossLoginDeps();
  let enabled: boolean;
  try {
    enabled = deps.settings().enabled;
  } catch {
    // The configuration names the variable in the log at start (toss-runtime.ts); the person gets a
    // plain answer.
    enabled = true;
  }
  if (!enabled) {
    res
      .status(404)
      .json({ code: 'NOT_FOUND', message: '토스 로그인을 쓸 수 없어요. 카카오로 로그인해 주세요.' });
    return;
  }
  if (!(await admitLoginStart(req, res))) return;
  checkCsrf(deps.auth.config, req);
  const parsed = tossLoginBodySchema.safeParse(await readJsonBody(req));
  if (!parsed.success) {
    res.status(400).json({
      code: 'INVALID_TOSS_LOGIN',
      message: parsed.error.issues[0]?.message ?? '토스 로그인 정보가 올바르지 않아요. 다시 시도해 주세요.',
    });
    return;
  }
  const outcome = await completeTossLogin(deps, req, res, parsed.data);
  if (outcome.kind === 'ok') {
    res.status(200).json({ redirectTo: outcome.redirectTo });
    return;
  }
  res.status(outcome.status).json({ code: outcome.code, message: outcome.message });
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
