import { createUserResponseSchema, nicknameSchema } from '@mfv/api-contract';
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
} from '@mfv/auth';
import { z } from 'zod';
import { SIGNUP_PURPOSE, type SignupState } from '../../server/signup-state';

const mustAgree = (message: string) => z.literal(true, { message });

/** Every required item of the form (../../server/consents.ts), each checked. */
const bodySchema = z.object({
  nickname: nicknameSchema,
  ageOver14: mustAgree('만 14세 이상만 가입할 수 있어요.'),
  agreeTerms: mustAgree('이용약관에 동의해 주세요.'),
  agreePrivacy: mustAgree('개인정보 수집·이용에 동의해 주세요.'),
});

/**
 * POST /user/api/signup {nickname, ageOver14, agreeTerms, agreePrivacy} — consumes the sealed signup ticket the Kakao or Toss
 * callback left in this browser, creates the member at the api, opens the session.
 */
export default handleErrors(async (req, res) => {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    res.status(405).json({ code: 'METHOD_NOT_ALLOWED', message: 'POST only' });
    return;
  }
  const auth = defaultAuth();
  checkCsrf(auth.config, req);
  const parsed = bodySchema.safeParse(await readJsonBody(req));
  if (!parsed.success) {
    res
      .status(400)
      .json({ code: 'INVALID_SIGNUP', message: parsed.error.issues[0]?.message ?? '입력을 확인해 주세요.' });
    return;
  }
  const sealed = readCookie(req, auth.config.cookie, 'signup');
  const signup = sealed ? unseal<SignupState>(auth.config.keys.seal, SIGNUP_PURPOSE, sealed) : null;
  if (!signup) {
    res.status(410).json({ code: 'SIGNUP_EXPIRED', message: '가입 시간이 지났어요. 다시 로그인해 주세요.' });
    return;
  }
  const tokens = await callApi(auth.config, '/users', {
    method: 'POST',
    internal: true,
    requestId: auth.requestIdOf(req),
    body: { signupTicket: signup.ticket, nickname: parsed.data.nickname, agreeTerms: true },
    schema: createUserResponseSchema,
  });
  await auth.startSession(res, tokens);
  appendSetCookie(res, [clearCookie(auth.config.cookie, 'signup')]);
  // Checked again here (defence in depth): the page assigns it to window.location.
  res.status(200).json({ redirectTo: safeReturnTo(signup.returnTo) });
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
