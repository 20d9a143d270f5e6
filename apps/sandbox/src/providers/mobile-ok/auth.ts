/** auth/request (guide §5), auth/resend (§5.2) and auth/call (§6). */
import { type FastifyInstance } from 'fastify';
import { checkMokAuthInfo } from './auth-info.js';
import { matchSubscriber } from './carrier.js';
import { MOK_CODES } from './codes.js';
import { type MokContext } from './context.js';
import { MokEnvelopeError, openEnvelope } from './crypto.js';
import { mokAnswer, mokShape, sendMok } from './responses.js';
import { MOK_LIMITS } from './state.js';
import { bodyOf, failWith, personaFault, resolveToken } from './transaction.js';

/** Products whose code arrives by text message, and so can be re-sent (§5 sample: "SMS일 경우에만"). */
const TEXT_MESSAGE_PRODUCTS = new Set(['SMS', 'LMS']);

export function registerAuth(app: FastifyInstance, ctx: MokContext): void {
  app.post('/agent/v1/auth/request', { config: { errorShape: mokShape('auth') } }, async (request, reply) => {
    const body = bodyOf(request);
    const resolved = resolveToken(ctx, body.encryptMOKToken, 'auth');
    if (!resolved.ok) return sendMok(reply, resolved.body);
    const tx = resolved.tx;
    const fail = (code: string) => failWith(ctx, reply, tx, code, 'auth');
    const siteUrl = body.siteUrl;
    if (typeof siteUrl !== 'string' || siteUrl === '') return fail(MOK_CODES.REQUIRED_FIELD);
    if (!ctx.siteUrls.includes(siteUrl)) return fail(MOK_CODES.UNREGISTERED_SITE_URL);
    if (siteUrl !== tx.siteUrl) return fail(MOK_CODES.CLIENT_CHANGED);
    // §4: "거래토큰은 … 인증요청이 실행되면 재사용 할 수 없음": one auth/request per transaction.
    if (tx.phase !== 'issued') return fail(MOK_CODES.CLIENT_TX_ID_IN_USE);
    const sealed = body.encryptMOKAuthInfo;
    if (typeof sealed !== 'string' || sealed === '') return fail(MOK_CODES.REQUIRED_FIELD);
    let plain: string;
    try {
      plain = openEnvelope(sealed, tx.privateKey);
    } catch (err) {
      if (!(err instanceof MokEnvelopeError)) throw err;
      return fail(err.reason === 'integrity' ? MOK_CODES.INTEGRITY : MOK_CODES.UNDECRYPTABLE);
    }
    let json: unknown;
    try {
      json = JSON.parse(plain);
    } catch {
      return fail(MOK_CODES.REQUIRED_FIELD);
    }
    const checked = checkMokAuthInfo(json, ctx.arsCodes);
    if (!checked.ok) return fail(checked.code);
    const info = checked.info;
    const match = matchSubscriber(ctx, info);
    if (!match.ok) return fail(match.code);
    const entry = match.entry;
    if (!(await personaFault(ctx, request, reply, tx, entry, 'auth')).proceed) return reply;

    const now = ctx.clock();
    tx.phase = 'authenticating';
    tx.auth = {
      info,
      persona: entry,
      requestedAt: now,
      resendsLeft: MOK_LIMITS.resends,
      confirmsLeft: MOK_LIMITS.confirmAttempts,
    };
    const method = info.reqAuthType;
    request.log.info(
      { persona: entry.persona.id, serviceType: info.serviceType, reqAuthType: method },
      method === 'PASS'
        ? 'mobile-ok: PASS push sent'
        : method === 'ARS'
          ? 'mobile-ok: ARS number issued, waiting for auth/call'
          : 'mobile-ok: code sent by text message (persona-fixed)',
    );
    const extra: Record<string, unknown> = { encryptMOKToken: ctx.state.rotate(tx) };
    // §5.2 resendCount "인증요청 재 발송 가능횟수"; otpCode "SMS소유인증 등 인증번호 제공받는 이용기관만
    // 사용"; arsOtpNumber "ARS 점유인증 시 사용되는 인증번호".
    if (TEXT_MESSAGE_PRODUCTS.has(method)) extra.resendCount = MOK_LIMITS.resends;
    if (info.serviceType === 'SMSAuth') extra.otpCode = entry.persona.otp;
    if (method === 'ARS') extra.arsOtpNumber = entry.persona.otp;
    return sendMok(reply, mokAnswer(MOK_CODES.SUCCESS, 'auth', extra));
  });

  app.post(
    '/agent/v1/auth/resend',
    { config: { errorShape: mokShape('resend') } },
    async (request, reply) => {
      const resolved = resolveToken(ctx, bodyOf(request).encryptMOKToken, 'resend');
      if (!resolved.ok) return sendMok(reply, resolved.body);
      const tx = resolved.tx;
      const fail = (code: string, extra: Record<string, unknown> = {}, detail?: string) =>
        failWith(ctx, reply, tx, code, 'resend', extra, detail);
      if (tx.phase === 'failed') return fail(tx.failedCode ?? MOK_CODES.RESEND_NO_SESSION);
      const auth = tx.auth;
      // §8 4003 detail codes: 4004 "ARS 및 SMS OTP 요청을 찾을 수 없는 경우", 4003 "진행사항이 없음".
      if (tx.phase !== 'authenticating' || auth === undefined)
        return fail(MOK_CODES.RESEND_NO_SESSION, {}, '4004');
      if (!TEXT_MESSAGE_PRODUCTS.has(auth.info.reqAuthType)) return fail(MOK_CODES.RESEND_NOT_SUPPORTED);
      if (ctx.clock() >= auth.requestedAt + MOK_LIMITS.authSessionMs) {
        return fail(MOK_CODES.RESEND_NO_SESSION, {}, '4003');
      }
      if (!(await personaFault(ctx, request, reply, tx, auth.persona, 'resend')).proceed) return reply;
      if (auth.resendsLeft <= 0) return fail(MOK_CODES.RESEND_LIMIT, { resendCount: 0 });
      auth.resendsLeft -= 1;
      request.log.info({ persona: auth.persona.persona.id }, 'mobile-ok: code re-sent (persona-fixed)');
      const extra: Record<string, unknown> = {
        encryptMOKToken: ctx.state.rotate(tx),
        resendCount: auth.resendsLeft,
      };
      if (auth.info.serviceType === 'SMSAuth') extra.otpCode = auth.persona.persona.otp;
      return sendMok(reply, mokAnswer(MOK_CODES.SUCCESS, 'resend', extra));
    },
  );

  app.post('/agent/v1/auth/call', { config: { errorShape: mokShape('call') } }, async (request, reply) => {
    const resolved = resolveToken(ctx, bodyOf(request).encryptMOKToken, 'call');
    if (!resolved.ok) return sendMok(reply, resolved.body);
    const tx = resolved.tx;
    const fail = (code: string) => failWith(ctx, reply, tx, code, 'call');
    const auth = tx.auth;
    if (auth === undefined || auth.info.serviceType !== 'telcoAuth-ARSAuth') return fail(MOK_CODES.NOT_ARS);
    // §6: "사용자가 전화를 수신하고 종료하게되면 … 재시도 안됨".
    if (tx.phase === 'failed') return fail(MOK_CODES.ARS_ALREADY_CALLED);
    if (ctx.clock() >= auth.requestedAt + MOK_LIMITS.authSessionMs) return fail(MOK_CODES.SESSION_EXPIRED);
    if (!(await personaFault(ctx, request, reply, tx, auth.persona, 'call')).proceed) return reply;
    const now = ctx.clock();
    const call = auth.call;
    if (call !== undefined) {
      if (now < call.startedAt + MOK_LIMITS.arsCallMs) return fail(MOK_CODES.ARS_CALL_IN_PROGRESS);
      // §6: a call may be requested again only when the person did not pick up.
      if (auth.persona.ars !== 'no-answer') return fail(MOK_CODES.ARS_ALREADY_CALLED);
    }
    auth.call = { startedAt: now };
    request.log.info(
      { persona: auth.persona.persona.id, outcome: auth.persona.ars },
      'mobile-ok: ARS call placed',
    );
    return sendMok(reply, mokAnswer(MOK_CODES.SUCCESS, 'call', { encryptMOKToken: ctx.state.rotate(tx) }));
  });
}
