/**
 * The last step of a mobile-ok transaction (본인확인-API 가이드 §7):
 *
 *   confirm  confirm/request → pending (PASS, ARS) | wrong code (retryCount) | the result:
 *            decrypted, the guide's mandatory checks (clientTxId, issueDate ≤ 10 min), the
 *            entered data compared — all BEFORE the transaction is consumed — handed off → ticket
 *
 * confirm/request is bounded per transaction (MOK_CONFIRM_MAX_ATTEMPTS ≤ 3, the guide's §8 4301
 * "검증요청 제한 횟수인 3회"); PASS "not yet" answers count, so the page confirms on the person's
 * click as the guide's samples do, not by fast polling.
 */
import { processMokConfirmResponse, requestMokConfirm, MokResultError } from '@mfv/verification/mobile-ok';
import { invalidInput, stepInvalid, txNotFound, VerifyError } from '../../../core/errors';
import { handOff, resolveOwner } from '../../../core/handoff';
import type { Reply, RouteContext } from '../../../core/http';
import { mokCustomerMessage } from '../errors';
import { openMokRecord } from '../result';
import { mokRetryRow } from '../retry-classes';
import { passesAdultCheck } from '../adult';
import {
  MOK_ADULT_FAILED_MESSAGE,
  MOK_SERVICES,
  validateAuthNumber,
  type MokConfirmResponse,
} from '../rules';
import { failure, type LockedMokTx, type MokTransactions, type MokTxData } from './transaction';

/** §8 4301 "본인확인 검증요청 제한 횟수인 3회": confirm/request calls one transaction allows. */
export const MOK_CONFIRM_LIMIT = 3;
/** When the confirm budget is spent while PASS/ARS is still not done. */
export const MOK_CONFIRM_TIMEOUT_MESSAGE =
  '인증 완료를 확인하지 못했어요. 확인할 수 있는 횟수를 모두 썼어요. 처음부터 다시 시도해 주세요.';

/** POST …/mok/confirm {authNumber?}: confirm/request, then the result checks and the hand-off. */
export async function confirmResult(
  txs: MokTransactions,
  ctx: RouteContext,
  authNumber: string | undefined,
): Promise<Reply<MokConfirmResponse>> {
  return txs.step(ctx, ['requested', 'called'], async (locked, { client, settings }) => {
    const { tx } = locked;
    const service = tx.data.service;
    const info = MOK_SERVICES[service];
    if (service === 'ars' && tx.data.phase !== 'called') throw stepInvalid();
    const problem = validateAuthNumber(service, authNumber ?? '');
    if (problem !== undefined) throw invalidInput({ authNumber: problem });
    // Counted before sending: a call that times out may still have counted at mobile-ok.
    tx.data = { ...tx.data, confirmsUsed: (tx.data.confirmsUsed ?? 0) + 1 };
    let confirmed;
    try {
      confirmed = await processMokConfirmResponse(
        await requestMokConfirm(client, {
          encryptMOKToken: tx.data.token,
          publicKey: txs.transactionKey(tx.data.publicKey),
          serviceType: info.serviceType,
          reqAuthType: info.reqAuthType,
          authNumber: info.code === 'none' ? undefined : (authNumber ?? '').trim(),
        }),
      );
    } catch (error) {
      const outcome = await confirmFailed(txs, ctx, locked, error, settings.confirmMaxAttempts);
      if (outcome instanceof VerifyError) throw outcome;
      return outcome;
    }
    const entered = txs.openInput(tx.data);
    // The result is opened and checked BEFORE anything single-use is spent: a result we refuse
    // ends the transaction with its own answer, never after it was consumed.
    let record;
    try {
      record = openMokRecord(confirmed.encryptMOKResult, client, tx.data, entered, txs.now());
    } catch (error) {
      throw await txs.end(ctx, locked, error, 'confirm');
    }
    // Single use (본인확인-API 가이드 §7 "인증결과 재사용 방지"): whoever deletes the transaction owns the result.
    if (!(await locked.consume())) throw txNotFound();
    txs.deps.store.clear(ctx.res);
    // An adult check is decided here, never only by the page: a minor's result is spent and stored
    // for nobody (../adult.ts); the refusal is logged as `verify request refused` with its code.
    if (tx.data.adultUsage !== undefined && !passesAdultCheck(record, tx.data.adultUsage, txs.now())) {
      throw new VerifyError(403, 'MOK_NOT_ADULT', MOK_ADULT_FAILED_MESSAGE, {
        restart: true,
        retryClass: 'final',
      });
    }
    const owner = await resolveOwner(txs.deps.auth, ctx.req, ctx.res);
    const stored = await handOff(txs.deps.auth, record, owner, ctx.requestId);
    return { status: 200, body: { status: 'verified' as const, ticket: stored.ticket } };
  });
}

/**
 * A failed confirm/request, by the class of its code (./retry-classes.ts): not yet (PASS, ARS),
 * a wrong code with retries left, an ARS call that did not connect (§6, once) — or the end.
 */
async function confirmFailed(
  txs: MokTransactions,
  ctx: RouteContext,
  locked: LockedMokTx,
  error: unknown,
  maxAttempts: number,
): Promise<VerifyError | Reply<MokConfirmResponse>> {
  const { tx } = locked;
  if (!(error instanceof MokResultError)) return txs.end(ctx, locked, error, 'confirm');
  const row = mokRetryRow(error.resultCode, 'confirm', error.resultMsg);
  const used = tx.data.confirmsUsed ?? 1;
  const attemptsLeft = Math.max(0, Math.min(maxAttempts, MOK_CONFIRM_LIMIT) - used);
  // Every answer's new token replaces the old one; an answer without one (nothing was spent) keeps it.
  const keep = async (data: Partial<MokTxData>) => {
    tx.data = { ...tx.data, token: error.encryptMOKToken ?? tx.data.token, ...data };
    await txs.save(locked);
  };
  if (row.class === 'wait') {
    if (attemptsLeft === 0) {
      // The budget is spent and PASS/ARS is still not done: a clear end, not a 4301 later.
      await locked.consume();
      txs.deps.store.clear(ctx.res);
      return new VerifyError(422, 'MOK_CONFIRM_LIMIT', MOK_CONFIRM_TIMEOUT_MESSAGE, {
        resultCode: error.resultCode,
        restart: true,
        retryClass: 'restart',
      });
    }
    await keep({});
    return {
      status: 202,
      body: { status: 'pending', message: mokCustomerMessage(error), attemptsLeft },
    };
  }
  if (row.class === 'retry-same-step') {
    // §7 retryCount "남은 재시도 횟수"; an answer without it: what §8 4301's 3 requests leave.
    const remaining = Math.min(error.retryCount ?? attemptsLeft, attemptsLeft);
    if (remaining > 0) {
      await keep({ retryRemaining: remaining });
      return failure(error, row.class, { retryRemaining: remaining });
    }
    return txs.end(ctx, locked, error, 'confirm', { retryRemaining: 0 });
  }
  if (row.arsRecall === true && tx.data.service === 'ars' && tx.data.recalled !== true) {
    // 본인확인-API 가이드 §6: not picked up / busy / off before answering → one new call.
    await keep({ phase: 'requested', recalled: true });
    return failure(error, 'retry-same-step', { canCall: true });
  }
  return txs.end(ctx, locked, error, 'confirm');
}
