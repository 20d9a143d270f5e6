import {
  API_PATHS,
  consentProblem,
  consentsGivenSchema,
  createUserResponseSchema,
  nicknameSchema,
} from '@mfv/api-contract';
import {
  appendSetCookie,
  callApi,
  checkCsrf,
  clearCookie,
  defaultAuth,
  handleErrors,
  readCookie,
  readJsonBody,
  safeReturnTo,
  unseal,
  refuseMethod,
} from '@mfv/auth';
import { z } from 'zod';
import { SIGNUP_PURPOSE, type SignupState } from '../../server/signup-state';

/** The nickname and the consent items the person checked, each with the version shown. */
const bodySchema = z.object({ nickname: nicknameSchema, consents: consentsGivenSchema }).strict();

/** The person's words for a body the form would never send. */
const invalidMessage = (path: PropertyKey | undefined) =>
  path === 'nickname' ? '닉네임을 확인해 주세요.' : '입력한 내용을 확인해 주세요.';

/**
 * POST /user/api/signup {nickname, consents: [{item, version}]} — consumes the sealed signup ticket
 * the Kakao or Toss callback left in this browser, creates the member at the api with the consents
 * they gave (every [필수] item, or 400 CONSENT_REQUIRED naming it), opens the session.
 */
export default handleErrors(async (req, res) => {
  if (refuseMethod(req.method, res, ['POST'])) return;
  const auth = defaultAuth();
  checkCsrf(auth.config, req);
  const parsed = bodySchema.safeParse(await readJsonBody(req));
  if (!parsed.success) {
    res
      .status(400)
      .json({ code: 'INVALID_SIGNUP', message: invalidMessage(parsed.error.issues[0]?.path[0]) });
    return;
  }
  const problem = consentProblem(parsed.data.consents);
  if (problem) {
    res.status(problem.code === 'CONSENT_REQUIRED' ? 400 : 409).json(problem);
    return;
  }
  const sealed = readCookie(req, auth.config.cookie, 'signup');
  const signup = sealed ? unseal<SignupState>(auth.config.keys.seal, SIGNUP_PURPOSE, sealed) : null;
  if (!signup) {
    res.status(410).json({ code: 'SIGNUP_EXPIRED', message: '가입 시간이 지났어요. 다시 로그인해 주세요.' });
    return;
  }
  const tokens = await callApi(auth.config, API_PATHS.users, {
    method: 'POST',
    internal: true,
    requestId: auth.requestIdOf(req),
    body: { signupTicket: signup.ticket, nickname: parsed.data.nickname, consents: parsed.data.consents },
    schema: createUserResponseSchema,
  });
  await auth.startSession(res, tokens);
  appendSetCookie(res, [clearCookie(auth.config.cookie, 'signup')]);
  // Checked again here (defence in depth): the page assigns it to window.location.
  res.status(200).json({ redirectTo: safeReturnTo(signup.returnTo) });
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
