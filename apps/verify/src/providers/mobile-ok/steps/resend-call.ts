/**
 * The steps between the request and the confirmation (본인확인-API 가이드 §5.2, §6):
 *
 *   resend   auth/resend   → a new OTP (SMS, LMS, SMS 소유인증), resendCount honoured
 *   call     auth/call     → the ARS call (ARS only)
 */
import {
  processMokArsCallResponse,
  processMokResendResponse,
  requestMokArsCall,
  requestMokResend,
  MokResultError,
} from '@mfv/verification/mobile-ok';
import { stepInvalid, VerifyError } from '../../../core/errors';
import type { Reply, RouteContext } from '../../../core/http';
import { MOK_SERVICES } from '../rules';
import { classOf, failure, type MokTransactions } from './transaction';

/** Our own refusal of a re-send when none is left (nothing was sent to mobile-ok). */
export const MOK_NO_RESEND_MESSAGE = '인증번호를 더 보낼 수 없어요. 이미 받은 인증번호를 입력해 주세요.';

/** POST …/mok/resend: auth/resend, while re-sends are left (resendCount, 본인확인-API 가이드 §5.2). */
export async function resendCode(
  txs: MokTransactions,
  ctx: RouteContext,
): Promise<Reply<{ resendRemaining: number | null }>> {
  return txs.step(ctx, ['requested'], async (locked, { client }) => {
    const { tx } = locked;
    if (!MOK_SERVICES[tx.data.service].resend) throw stepInvalid();
    const sent = txs.openInput(tx.data);
    await txs.deps.limits?.consume('send', { phone: sent?.phone });
    if (tx.data.resendRemaining === 0) {
      // Not sent: mobile-ok would answer 4302 ("처음부터 다시") and end the transaction, while
      // the code already sent is still good.
      throw new VerifyError(422, 'MOK_RESEND_LIMIT', MOK_NO_RESEND_MESSAGE, {
        restart: false,
        retryClass: 'retry-same-step',
        resendRemaining: 0,
      });
    }
    try {
      const resent = await processMokResendResponse(
        await requestMokResend(client, { encryptMOKToken: tx.data.token }),
      );
      tx.data = { ...tx.data, token: resent.encryptMOKToken };
      if (resent.resendCount !== undefined) tx.data.resendRemaining = resent.resendCount;
      await txs.save(locked);
      return { status: 200, body: { resendRemaining: tx.data.resendRemaining ?? null } };
    } catch (error) {
      const row = classOf(error, 'resend');
      if (error instanceof MokResultError && row?.class === 'retry-same-step') {
        // e.g. 4012 "잠시 후 다시": the code sent before still works.
        tx.data = { ...tx.data, token: error.encryptMOKToken ?? tx.data.token };
        if (error.resendCount !== undefined) tx.data.resendRemaining = error.resendCount;
        await txs.save(locked);
        throw failure(error, row.class, { resendRemaining: tx.data.resendRemaining });
      }
      throw await txs.end(ctx, locked, error, 'resend');
    }
  });
}

/** POST …/mok/call: auth/call, ARS only (본인확인-API 가이드 §6); again after the person did not pick up. */
export async function callArs(
  txs: MokTransactions,
  ctx: RouteContext,
): Promise<Reply<{ status: 'calling' }>> {
  return txs.step(ctx, ['requested', 'called'], async (locked, { client }) => {
    const { tx } = locked;
    if (tx.data.service !== 'ars') throw stepInvalid();
    try {
      const called = await processMokArsCallResponse(
        await requestMokArsCall(client, { encryptMOKToken: tx.data.token }),
      );
      tx.data = { ...tx.data, token: called.encryptMOKToken, phase: 'called' };
      await txs.save(locked);
      return { status: 200, body: { status: 'calling' as const } };
    } catch (error) {
      const row = classOf(error, 'call');
      if (error instanceof MokResultError && (row?.class === 'wait' || row?.class === 'retry-same-step')) {
        // 4501: the first call is still on; 4011 "잠시 후 다시": the call may be asked again.
        tx.data = { ...tx.data, token: error.encryptMOKToken ?? tx.data.token };
        await txs.save(locked);
        throw failure(error, row.class);
      }
      throw await txs.end(ctx, locked, error, 'call');
    }
  });
}
