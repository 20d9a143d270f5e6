/**
 * The mobile-ok 본인확인-API flow of the verify remote: one method per API route, over the
 * client of `@mfv/verification/mobile-ok`, the browser-bound transaction store and the hand-off.
 * Each step lives in its own module over the shared transaction helper (./steps/transaction.ts):
 *
 *   start    token/get        → transaction                    ./steps/request.ts
 *   request  auth/request     → OTP sent / PASS push / ARS no. ./steps/request.ts
 *   resend   auth/resend      → a new OTP                      ./steps/resend-call.ts
 *   call     auth/call        → the ARS call                   ./steps/resend-call.ts
 *   confirm  confirm/request  → pending | retry | the result   ./steps/confirm.ts
 *
 * What a failure allows is the class of its code in ./retry-classes.ts (one table, the guide's words).
 */
import type { Reply, RouteContext } from '../../core/http';
import type {
  MokConfirmResponse,
  MokForm,
  MokRequestResponse,
  MokServiceId,
  MokStartResponse,
} from './rules';
import { confirmResult } from './steps/confirm';
import { requestAuth, startTransaction } from './steps/request';
import { callArs, resendCode } from './steps/resend-call';
import { MokTransactions, type MokServiceDeps } from './steps/transaction';

export { MOK_CONFIRM_LIMIT, MOK_CONFIRM_TIMEOUT_MESSAGE } from './steps/confirm';
export { MOK_AUTH_ATTEMPTS } from './steps/request';
export { MOK_NO_RESEND_MESSAGE } from './steps/resend-call';
export type { MokServiceDeps, MokTxData } from './steps/transaction';

export class MokService {
  private readonly txs: MokTransactions;

  constructor(deps: MokServiceDeps) {
    this.txs = new MokTransactions(deps);
  }

  /** POST …/mok/start {service}: token/get and a new transaction for this browser. */
  start(ctx: RouteContext, service: MokServiceId): Promise<Reply<MokStartResponse>> {
    return startTransaction(this.txs, ctx, service);
  }

  /** POST …/mok/request {carrier, name, phone, birthday, gender, nation, usageCode}: auth/request. */
  request(ctx: RouteContext, form: MokForm): Promise<Reply<MokRequestResponse>> {
    return requestAuth(this.txs, ctx, form);
  }

  /** POST …/mok/resend: auth/resend, while re-sends are left. */
  resend(ctx: RouteContext): Promise<Reply<{ resendRemaining: number | null }>> {
    return resendCode(this.txs, ctx);
  }

  /** POST …/mok/call: auth/call, ARS only. */
  call(ctx: RouteContext): Promise<Reply<{ status: 'calling' }>> {
    return callArs(this.txs, ctx);
  }

  /** POST …/mok/confirm {authNumber?}: confirm/request, then the result checks and the hand-off. */
  confirm(ctx: RouteContext, authNumber: string | undefined): Promise<Reply<MokConfirmResponse>> {
    return confirmResult(this.txs, ctx, authNumber);
  }
}
