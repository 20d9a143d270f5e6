/** confirm/request (guide §7). */
import { type FastifyInstance } from 'fastify';
import { safeEqual } from '../../secure.js';
import { MOK_CODES } from './codes.js';
import { type MokContext } from './context.js';
import { MokEnvelopeError, openEnvelope, sealEnvelope } from './crypto.js';
import { buildMokResult } from './result.js';
import { mokAnswer, mokShape, sendMok } from './responses.js';
import { MOK_LIMITS } from './state.js';
import { bodyOf, failWith, personaFault, resolveToken } from './transaction.js';

/** §8 6702 / 6706 detail codes: T 인증 (SKT) or 간편본인확인 (the others). */
function passDetail(carrier: string, pending: boolean): string {
  const skt = carrier.startsWith('SKT');
  return pending ? (skt ? '6032' : '6061') : skt ? '6034' : '6203';
}

export function registerConfirm(app: FastifyInstance, ctx: MokContext): void {
  app.post(
    '/agent/v1/confirm/request',
    { config: { errorShape: mokShape('confirm') } },
    async (request, reply) => {
      const body = bodyOf(request);
      const resolved = resolveToken(ctx, body.encryptMOKToken, 'confirm');
      if (!resolved.ok) return sendMok(reply, resolved.body);
      const tx = resolved.tx;
      const fail = (code: string, extra: Record<string, unknown> = {}, detail?: string) =>
        failWith(ctx, reply, tx, code, 'confirm', extra, detail);
      const auth = tx.auth;
      if (tx.phase === 'failed') {
        const code = tx.failedCode ?? MOK_CODES.RETRY_LIMIT;
        return fail(code, code === MOK_CODES.RETRY_LIMIT ? { retryCount: 0 } : {});
      }
      if (tx.phase !== 'authenticating' || auth === undefined) return fail(MOK_CODES.CONFIRM_WITHOUT_AUTH);
      const entry = auth.persona;
      if (!(await personaFault(ctx, request, reply, tx, entry, 'confirm')).proceed) return reply;

      const now = ctx.clock();
      const method = auth.info.reqAuthType;
      const sealedVerify = body.encryptMOKVerifyInfo;
      const hasVerify = typeof sealedVerify === 'string' && sealedVerify !== '';
      const openVerify = (): { authNumber: string } | string => {
        if (!hasVerify) return MOK_CODES.VERIFY_INFO_MISSING;
        let json: unknown;
        try {
          json = JSON.parse(openEnvelope(sealedVerify, tx.privateKey));
        } catch (err) {
          if (err instanceof MokEnvelopeError) {
            return err.reason === 'integrity' ? MOK_CODES.INTEGRITY : MOK_CODES.UNDECRYPTABLE;
          }
          return MOK_CODES.VERIFY_INFO_MISSING;
        }
        const authNumber = (json as { authNumber?: unknown } | null)?.authNumber;
        return typeof authNumber === 'string' ? { authNumber } : MOK_CODES.VERIFY_INFO_MISSING;
      };

      // §8 4301 "본인확인 검증요청 제한 횟수인 3회를 초과": every request that reaches the
      // verification counts — a wrong code, and the "not yet" of PASS and ARS alike. Requests
      // refused for their form (5029, 5024, …) or their time (6706, 5033) do not.
      const spent = (): boolean => {
        auth.confirmsLeft -= 1;
        if (auth.confirmsLeft >= 0) return false;
        tx.phase = 'failed';
        tx.failedCode = MOK_CODES.RETRY_LIMIT;
        return true;
      };
      const overLimit = () => fail(MOK_CODES.RETRY_LIMIT, { retryCount: 0 });

      if (now >= auth.requestedAt + MOK_LIMITS.authSessionMs) {
        return method === 'PASS'
          ? fail(MOK_CODES.PASS_TIMEOUT, {}, passDetail(entry.persona.carrier, false))
          : fail(MOK_CODES.SESSION_EXPIRED);
      }

      if (method === 'PASS' || method === 'ARS') {
        // §7 MOKVerifyInfo: "본인확인 ARS 점유인증 : 빈 문자열(“”) 지정"; PASS has no code either.
        if (hasVerify) {
          const verify = openVerify();
          if (typeof verify === 'string') return fail(verify);
          if (verify.authNumber !== '') return fail(MOK_CODES.AUTH_NUMBER_UNEXPECTED);
        }
        if (spent()) return overLimit();
        if (method === 'PASS') {
          const pass = entry.pass;
          if (pass.kind === 'approves' && pass.early === '6703' && now < auth.requestedAt + pass.afterMs) {
            // §8 6703 detail 6202: "간편본인확인 요청 처리 완료 전 간편본인확인 결과 확인 요청".
            return fail(MOK_CODES.PASS_NOT_DONE, {}, '6202');
          }
          if (pass.kind === 'never' || now < auth.requestedAt + pass.afterMs) {
            return fail(MOK_CODES.PASS_PENDING, {}, passDetail(entry.persona.carrier, true));
          }
        } else {
          const call = auth.call;
          if (call === undefined || now < call.startedAt + MOK_LIMITS.arsCallMs)
            return fail(MOK_CODES.ARS_RESULT_PENDING);
          if (entry.ars === 'no-answer') return fail(MOK_CODES.ARS_NO_ANSWER);
          if (entry.ars === 'hangs-up') {
            tx.phase = 'failed';
            tx.failedCode = MOK_CODES.ARS_HUNG_UP;
            return fail(MOK_CODES.ARS_HUNG_UP);
          }
        }
      } else {
        const verify = openVerify();
        if (typeof verify === 'string') return fail(verify);
        // §7: "SMS/LMS 문자로 전달받은 6자리 인증번호"; SMS 소유인증 gives no length, the sandbox's codes are 6.
        const format = auth.info.serviceType === 'SMSAuth' ? /^\d{4,10}$/ : /^\d{6}$/;
        if (!format.test(verify.authNumber)) return fail(MOK_CODES.AUTH_NUMBER_FORMAT);
        if (spent()) return overLimit();
        if (!safeEqual(verify.authNumber, entry.persona.otp)) {
          if (auth.confirmsLeft <= 0) {
            // §4 "인증번호 2번 재시도 가능": after the third request the transaction is over (4301).
            tx.phase = 'failed';
            tx.failedCode = MOK_CODES.RETRY_LIMIT;
          }
          const code =
            auth.info.serviceType === 'SMSAuth' ? MOK_CODES.WRONG_OWNERSHIP_OTP : MOK_CODES.WRONG_OTP;
          // §7 retryCount: "1번 잘못된 인증결과 시도 후 2 (남은 재시도 횟수) 응답".
          return fail(code, { retryCount: Math.max(auth.confirmsLeft, 0) });
        }
      }

      tx.phase = 'completed';
      const result = buildMokResult({ tx, info: auth.info, persona: entry.persona, siteId: ctx.siteId, now });
      const keys = ctx.keys;
      if (keys === undefined) throw new Error('mobile-ok keys are not loaded');
      const encryptMOKResult = sealEnvelope(JSON.stringify(result), keys.clientPublicKey, {
        wrongHash: request.sandboxTamper,
      });
      request.log.info(
        { persona: entry.persona.id, tampered: request.sandboxTamper },
        'mobile-ok: result sent',
      );
      return sendMok(
        reply,
        mokAnswer(MOK_CODES.SUCCESS, 'confirm', { encryptMOKResult, encryptMOKToken: ctx.state.rotate(tx) }),
      );
    },
  );
}
