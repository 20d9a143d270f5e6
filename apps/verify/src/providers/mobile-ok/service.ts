/**
 * The mobile-ok 본인확인-API flow of the verify remote: one method per API route, over the
 * client of `@mfv/verification/mobile-ok`, the browser-bound transaction store and the hand-off.
 *
 *   start    token/get                 → transaction {clientTxId, publicKey, token, service}
 *   request  auth/request              → OTP sent / PASS push / ARS number
 *   resend   auth/resend               → a new OTP (SMS, LMS, SMS 소유인증), resendCount honoured
 *   call     auth/call                 → the ARS call (ARS only)
 *   confirm  confirm/request           → pending (PASS, ARS) | wrong code (retryCount) | the result:
 *            decrypted, the guide's mandatory checks (clientTxId, issueDate ≤ 10 min), the
 *            entered data compared — all BEFORE the transaction is consumed — handed off → ticket
 *
 * Every provider answer's new `encryptMOKToken` replaces the stored one (본인확인-API 가이드 §4–§7).
 * What a failure allows is the class of its code in ./retry-classes.ts (one table, the guide's
 * words): `wait` and `retry-same-step` keep the transaction (`restart: false`); the others end it.
 * confirm/request is bounded per transaction (MOK_CONFIRM_MAX_ATTEMPTS ≤ 3, the guide's §8 4301
 * "검증요청 제한 횟수인 3회"); PASS "not yet" answers count, so the page confirms on the person's
 * click as the guide's samples do, not by fast polling.
 */
import type { KeyObject } from 'node:crypto';
import { seal, unseal, type Auth } from '@mfv/auth';
import {
  generateMokClientTxId,
  parseMokPublicKey,
  processMokArsCallResponse,
  processMokAuthResponse,
  processMokConfirmResponse,
  processMokResendResponse,
  processMokTokenResponse,
  requestMokArsCall,
  requestMokAuth,
  requestMokConfirm,
  requestMokResend,
  requestMokToken,
  MokResultError,
  type MokAuthInfoInput,
} from '@mfv/verification/mobile-ok';
import {
  MOK_SERVICES,
  normalizeMokForm,
  validateAuthNumber,
  validateMokForm,
  type MokConfirmResponse,
  type MokForm,
  type MokRequestResponse,
  type MokServiceId,
  type MokStartResponse,
} from './rules';
import { invalidInput, stepInvalid, txBusy, txNotFound, VerifyError } from '../../core/errors';
import { assertTransactionOwner, handOff, ownerKey, resolveOwner } from '../../core/handoff';
import type { Reply, RouteContext } from '../../core/http';
import type { RateLimits } from '../../core/limits';
import type { VerifyErrorBody } from '../../core/responses';
import type { MokClientAccess } from './client';
import { fromMokError, fromMokResult, mokCustomerMessage } from './errors';
import { MOK_PROVIDER, openMokRecord, type EnteredData } from './result';
import { mokRetryRow, type MokRetryClass } from './retry-classes';
import {
  TransactionBusyError,
  TransactionNotFoundError,
  VERIFY_TX_TTL_MS,
  type LockedTransaction,
  type TransactionStore,
} from '../../core/transactions';

type ErrorExtra = Omit<VerifyErrorBody, 'code' | 'message'>;
/** A step's lock outlives the longest provider call it guards. */
const LOCK_MARGIN_MS = 5_000;
/** Parsed transaction keys kept per process (a transaction's steps usually reach the same one). */
const MAX_CACHED_KEYS = 1024;
/** What the entered data is sealed under while the transaction lives (AES-256-GCM, @mfv/auth seal). */
const INPUT_PURPOSE = 'verify:mok:input';

export interface MokTxData {
  service: MokServiceId;
  clientTxId: string;
  /** token/get's per-transaction key (base64 SPKI): encrypts MOKAuthInfo and MOKVerifyInfo. */
  publicKey: string;
  /** The newest encryptMOKToken: the only one the provider accepts. */
  token: string;
  phase: 'started' | 'requested' | 'called';
  /**
   * Name, phone and birthday as entered, sealed: the result must match them (본인확인-API 가이드 §7, "사전에
   * 수집한 개인정보가 있는 경우 … 반드시 일치 여부를 검증"). Redis never holds them readable.
   */
  input?: string;
  resendRemaining?: number;
  retryRemaining?: number;
  /** confirm/request calls sent so far (the guide's §8 4301 limit counts them all). */
  confirmsUsed?: number;
  /** ARS: the one new call §6 allows after a call that did not connect was used. */
  recalled?: boolean;
  /** auth/request calls refused with "확인 후 다시" so far (each on its own provider transaction). */
  authAttempts?: number;
}

type LockedMokTx = LockedTransaction<MokTxData>;

type SealedInput = EnteredData;

/**
 * auth/request calls one of our transactions allows when the provider asks for corrected input
 * ("확인 후 다시"): the guide's §5.2 resendCount "1번 잘못된 인증요청 시도 후 2(남은 재시도 횟수)" —
 * three requests in all.
 */
export const MOK_AUTH_ATTEMPTS = 3;

/** §8 4301 "본인확인 검증요청 제한 횟수인 3회": confirm/request calls one transaction allows. */
export const MOK_CONFIRM_LIMIT = 3;
/** When the confirm budget is spent while PASS/ARS is still not done. */
export const MOK_CONFIRM_TIMEOUT_MESSAGE =
  '인증 완료를 확인하지 못했어요. 확인할 수 있는 횟수를 모두 썼어요. 처음부터 다시 시도해 주세요.';
/** Our own refusal of a re-send when none is left (nothing was sent to mobile-ok). */
export const MOK_NO_RESEND_MESSAGE = '인증번호를 더 보낼 수 없어요. 이미 받은 인증번호를 입력해 주세요.';

export interface MokServiceDeps {
  auth: Auth;
  store: TransactionStore;
  mok: () => Promise<MokClientAccess>;
  /** Default: the system clock. Used for the result's 10-minute rule. */
  now?: () => Date;
  /** Per-phone limit on SMS/LMS sends (the member and IP limits are counted by the routes). */
  limits?: RateLimits;
}

/** A failure the same transaction survives. */
const failure = (error: MokResultError, retryClass: MokRetryClass, extra: ErrorExtra = {}): VerifyError =>
  fromMokResult(error, { restart: false, retryClass, ...extra });

/** The class (./retry-classes.ts) of a provider failure at `step`. */
const classOf = (error: unknown, step: 'auth' | 'resend' | 'call' | 'confirm') =>
  error instanceof MokResultError ? mokRetryRow(error.resultCode, step, error.resultMsg) : undefined;

export class MokService {
  private readonly now: () => Date;
  /** token/get's publicKey (base64 SPKI) → the parsed key, so request and confirm need not parse it again. */
  private readonly transactionKeys = new Map<string, KeyObject>();

  constructor(private readonly deps: MokServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** POST …/mok/start {service}: token/get and a new transaction for this browser. */
  async start(ctx: RouteContext, service: MokServiceId): Promise<Reply<MokStartResponse>> {
    // Fail before the person types anything if there is nobody to attach the result to.
    const owner = await resolveOwner(this.deps.auth, ctx.req, ctx.res);
    const { client, settings } = await this.deps.mok();
    const clientTxId = generateMokClientTxId(settings.clientTxPrefix);
    const token = await processMokTokenResponse(await requestMokToken(client, { clientTxId }));
    this.remember(token.publicKey, token.publicKeyObject);
    const tx = await this.deps.store.begin<MokTxData>(
      ctx.req,
      ctx.res,
      MOK_PROVIDER,
      {
        service,
        clientTxId,
        publicKey: token.publicKey,
        token: token.encryptMOKToken,
        phase: 'started',
      },
      ownerKey(owner),
    );
    return { status: 200, body: { service, expiresAt: new Date(tx.expiresAt).toISOString() } };
  }

  /** POST …/mok/request {carrier, name, phone, birthday, gender, nation, usageCode}: auth/request. */
  async request(ctx: RouteContext, form: MokForm): Promise<Reply<MokRequestResponse>> {
    return this.step(ctx, ['started'], async (locked, { client, settings }) => {
      const { tx } = locked;
      const service = tx.data.service;
      const errors = validateMokForm(service, form, this.now());
      if (Object.keys(errors).length > 0) throw invalidInput(errors);
      const input = normalizeMokForm(service, form);
      const info = MOK_SERVICES[service];
      // Before the provider sends anything to that number (docs/security.md F4: SMS to an arbitrary number).
      await this.deps.limits?.consume('send', { phone: input.phone });
      const authInfo = {
        serviceType: info.serviceType,
        reqAuthType: info.reqAuthType,
        providerId: info.carrier ? input.carrier : 'SMS',
        usageCode: input.usageCode,
        userName: input.name,
        userPhone: input.phone,
        ...(input.birthday !== undefined ? { userBirthday: input.birthday } : {}),
        ...(info.genderNation ? { userGender: input.gender, userNation: input.nation } : {}),
        ...(service === 'ars' ? { arsCode: settings.arsCode } : {}),
      } as MokAuthInfoInput;
      let auth;
      try {
        auth = await processMokAuthResponse(
          await requestMokAuth(client, {
            encryptMOKToken: tx.data.token,
            publicKey: this.transactionKey(tx.data.publicKey),
            authInfo,
          }),
          { serviceType: info.serviceType },
        );
      } catch (error) {
        // The guide's words ask for corrected input: keep our transaction and the person's form.
        const kept = await this.keepForCorrection(locked, error, client, settings.clientTxPrefix);
        if (kept !== undefined) throw kept;
        throw await this.end(ctx, locked, error, 'auth');
      }
      const sealed: SealedInput = {
        name: input.name,
        phone: input.phone,
        ...(input.birthday !== undefined ? { birthday: input.birthday } : {}),
      };
      tx.data = {
        ...tx.data,
        token: auth.encryptMOKToken,
        phase: 'requested',
        input: seal(this.deps.auth.config.keys.seal, INPUT_PURPOSE, sealed, VERIFY_TX_TTL_MS),
        ...(auth.resendCount !== undefined ? { resendRemaining: auth.resendCount } : {}),
      };
      await this.save(locked);
      // SMS 소유인증's otpCode is a secret of the server (SECURITY.md): it never reaches the browser.
      const body: MokRequestResponse = { next: info.next };
      if (info.resend && auth.resendCount !== undefined) body.resendRemaining = auth.resendCount;
      if (auth.arsOtpNumber !== undefined) body.arsOtpNumber = auth.arsOtpNumber;
      return { status: 200, body };
    });
  }

  /** POST …/mok/resend: auth/resend, while re-sends are left (resendCount, 본인확인-API 가이드 §5.2). */
  async resend(ctx: RouteContext): Promise<Reply<{ resendRemaining: number | null }>> {
    return this.step(ctx, ['requested'], async (locked, { client }) => {
      const { tx } = locked;
      if (!MOK_SERVICES[tx.data.service].resend) throw stepInvalid();
      const sent = tx.data.input
        ? unseal<SealedInput>(this.deps.auth.config.keys.seal, INPUT_PURPOSE, tx.data.input)
        : null;
      await this.deps.limits?.consume('send', { phone: sent?.phone });
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
        await this.save(locked);
        return { status: 200, body: { resendRemaining: tx.data.resendRemaining ?? null } };
      } catch (error) {
        const row = classOf(error, 'resend');
        if (error instanceof MokResultError && row?.class === 'retry-same-step') {
          // e.g. 4012 "잠시 후 다시": the code sent before still works.
          tx.data = { ...tx.data, token: error.encryptMOKToken ?? tx.data.token };
          if (error.resendCount !== undefined) tx.data.resendRemaining = error.resendCount;
          await this.save(locked);
          throw failure(error, row.class, { resendRemaining: tx.data.resendRemaining });
        }
        throw await this.end(ctx, locked, error, 'resend');
      }
    });
  }

  /** POST …/mok/call: auth/call, ARS only (본인확인-API 가이드 §6); again after the person did not pick up. */
  async call(ctx: RouteContext): Promise<Reply<{ status: 'calling' }>> {
    return this.step(ctx, ['requested', 'called'], async (locked, { client }) => {
      const { tx } = locked;
      if (tx.data.service !== 'ars') throw stepInvalid();
      try {
        const called = await processMokArsCallResponse(
          await requestMokArsCall(client, { encryptMOKToken: tx.data.token }),
        );
        tx.data = { ...tx.data, token: called.encryptMOKToken, phase: 'called' };
        await this.save(locked);
        return { status: 200, body: { status: 'calling' as const } };
      } catch (error) {
        const row = classOf(error, 'call');
        if (error instanceof MokResultError && (row?.class === 'wait' || row?.class === 'retry-same-step')) {
          // 4501: the first call is still on; 4011 "잠시 후 다시": the call may be asked again.
          tx.data = { ...tx.data, token: error.encryptMOKToken ?? tx.data.token };
          await this.save(locked);
          throw failure(error, row.class);
        }
        throw await this.end(ctx, locked, error, 'call');
      }
    });
  }

  /** POST …/mok/confirm {authNumber?}: confirm/request, then the result checks and the hand-off. */
  async confirm(ctx: RouteContext, authNumber: string | undefined): Promise<Reply<MokConfirmResponse>> {
    return this.step(ctx, ['requested', 'called'], async (locked, { client, settings }) => {
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
            publicKey: this.transactionKey(tx.data.publicKey),
            serviceType: info.serviceType,
            reqAuthType: info.reqAuthType,
            authNumber: info.code === 'none' ? undefined : (authNumber ?? '').trim(),
          }),
        );
      } catch (error) {
        const outcome = await this.confirmFailed(ctx, locked, error, settings.confirmMaxAttempts);
        if (outcome instanceof VerifyError) throw outcome;
        return outcome;
      }
      const entered =
        tx.data.input === undefined
          ? null
          : unseal<SealedInput>(this.deps.auth.config.keys.seal, INPUT_PURPOSE, tx.data.input);
      // The result is opened and checked BEFORE anything single-use is spent: a result we refuse
      // ends the transaction with its own answer, never after it was consumed.
      let record;
      try {
        record = openMokRecord(confirmed.encryptMOKResult, client, tx.data, entered, this.now());
      } catch (error) {
        throw await this.end(ctx, locked, error, 'confirm');
      }
      // Single use (본인확인-API 가이드 §7 "인증결과 재사용 방지"): whoever deletes the transaction owns the result.
      if (!(await locked.consume())) throw txNotFound();
      this.deps.store.clear(ctx.res);
      const owner = await resolveOwner(this.deps.auth, ctx.req, ctx.res);
      const stored = await handOff(this.deps.auth, record, owner, ctx.requestId);
      return { status: 200, body: { status: 'verified' as const, ticket: stored.ticket } };
    });
  }

  /**
   * A failed confirm/request, by the class of its code (./retry-classes.ts): not yet (PASS, ARS),
   * a wrong code with retries left, an ARS call that did not connect (§6, once) — or the end.
   */
  private async confirmFailed(
    ctx: RouteContext,
    locked: LockedMokTx,
    error: unknown,
    maxAttempts: number,
  ): Promise<VerifyError | Reply<MokConfirmResponse>> {
    const { tx } = locked;
    if (!(error instanceof MokResultError)) return this.end(ctx, locked, error, 'confirm');
    const row = mokRetryRow(error.resultCode, 'confirm', error.resultMsg);
    const used = tx.data.confirmsUsed ?? 1;
    const attemptsLeft = Math.max(0, Math.min(maxAttempts, MOK_CONFIRM_LIMIT) - used);
    // Every answer's new token replaces the old one; an answer without one (nothing was spent) keeps it.
    const keep = async (data: Partial<MokTxData>) => {
      tx.data = { ...tx.data, token: error.encryptMOKToken ?? tx.data.token, ...data };
      await this.save(locked);
    };
    if (row.class === 'wait') {
      if (attemptsLeft === 0) {
        // The budget is spent and PASS/ARS is still not done: a clear end, not a 4301 later.
        await locked.consume();
        this.deps.store.clear(ctx.res);
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
      return this.end(ctx, locked, error, 'confirm', { retryRemaining: 0 });
    }
    if (row.arsRecall === true && tx.data.service === 'ars' && tx.data.recalled !== true) {
      // 본인확인-API 가이드 §6: not picked up / busy / off before answering → one new call.
      await keep({ phase: 'requested', recalled: true });
      return failure(error, 'retry-same-step', { canCall: true });
    }
    return this.end(ctx, locked, error, 'confirm');
  }

  /**
   * auth/request refused with a `fix-input-and-resend` code (§8: "(이름|생년월일|휴대폰번호|통신사정보…)
   * 확인 후 다시", "통신사를 알뜰폰으로 선택하여 다시"): the person corrects the form and sends it again
   * on the same one of our transactions, within {@link MOK_AUTH_ATTEMPTS} (or the provider's
   * `resendCount`, §5.2, when it sends one).
   *
   * The guide's own re-request, §5.2 "본인확인-API 인증 재요청(인증요청 오류 발생후 재요청시)", carries
   * only `encryptMOKToken`: it repeats the request already made and cannot carry corrected data, and
   * §4 says a token is not reused once auth/request ran ("인증요청이 실행되면 재사용 할 수 없음").
   * So the corrected request goes on a fresh provider transaction (token/get now, a new clientTxId);
   * the old one is left to expire. Codes whose words send the person to another method ("문자
   * (SMS) 인증으로 다시") cannot be fixed in this form and end the transaction as before.
   * Returns the error to answer with, or undefined when the transaction must end.
   */
  private async keepForCorrection(
    locked: LockedMokTx,
    error: unknown,
    client: MokClientAccess['client'],
    clientTxPrefix: string,
  ): Promise<VerifyError | undefined> {
    if (!(error instanceof MokResultError)) return undefined;
    const row = mokRetryRow(error.resultCode, 'auth', error.resultMsg);
    if (row.class !== 'fix-input-and-resend' || row.words.includes('인증으로 다시')) return undefined;
    const { tx } = locked;
    const attempts = (tx.data.authAttempts ?? 0) + 1;
    const remaining = Math.min(MOK_AUTH_ATTEMPTS - attempts, error.resendCount ?? Number.POSITIVE_INFINITY);
    if (remaining <= 0) return undefined;
    const clientTxId = generateMokClientTxId(clientTxPrefix);
    let token;
    try {
      token = await processMokTokenResponse(await requestMokToken(client, { clientTxId }));
    } catch {
      // No fresh provider transaction: the person's failure stands and the transaction ends.
      return undefined;
    }
    this.remember(token.publicKey, token.publicKeyObject);
    const next: MokTxData = {
      ...tx.data,
      clientTxId,
      publicKey: token.publicKey,
      token: token.encryptMOKToken,
      phase: 'started',
      authAttempts: attempts,
    };
    delete next.input;
    delete next.resendRemaining;
    tx.data = next;
    await this.save(locked);
    return failure(error, 'fix-input-and-resend', { requestsRemaining: remaining });
  }

  /** Ends the transaction after an unrecoverable failure; returns the error to answer with. */
  private async end(
    ctx: RouteContext,
    locked: LockedMokTx,
    error: unknown,
    step: 'auth' | 'resend' | 'call' | 'confirm',
    extra: ErrorExtra = {},
  ): Promise<VerifyError> {
    await locked.consume();
    this.deps.store.clear(ctx.res);
    if (error instanceof MokResultError) {
      const row = mokRetryRow(error.resultCode, step, error.resultMsg);
      // Nothing the person can do on this transaction: `wait`/`retry-same-step` that ran out end as `restart`.
      const retryClass = row.class === 'wait' || row.class === 'retry-same-step' ? 'restart' : row.class;
      return fromMokResult(error, { restart: true, retryClass, ...extra });
    }
    return fromMokError(error);
  }

  /**
   * Runs `fn` with this browser's transaction, under its step lock, in one of `phases`. No
   * transaction → 410 (expired, consumed, or another browser's); another step running → 409.
   */
  private async step<R>(
    ctx: RouteContext,
    phases: readonly MokTxData['phase'][],
    fn: (locked: LockedMokTx, mok: MokClientAccess) => Promise<R>,
  ): Promise<R> {
    const mok = await this.deps.mok();
    try {
      return await this.deps.store.withLock<MokTxData, R>(
        ctx.req,
        MOK_PROVIDER,
        mok.settings.timeoutMs + LOCK_MARGIN_MS,
        async (locked) => {
          // Every step only for whom the transaction was started (docs/security.md F5).
          await assertTransactionOwner(this.deps.auth, ctx.req, ctx.res, locked.tx);
          if (!phases.includes(locked.tx.data.phase)) throw stepInvalid();
          return fn(locked, mok);
        },
      );
    } catch (error) {
      if (error instanceof TransactionNotFoundError) throw txNotFound();
      if (error instanceof TransactionBusyError) throw txBusy();
      throw error;
    }
  }

  private transactionKey(publicKey: string): KeyObject {
    return this.transactionKeys.get(publicKey) ?? this.remember(publicKey, parseMokPublicKey(publicKey));
  }

  private remember(publicKey: string, key: KeyObject): KeyObject {
    if (this.transactionKeys.size >= MAX_CACHED_KEYS) {
      const oldest = this.transactionKeys.keys().next().value;
      if (oldest !== undefined) this.transactionKeys.delete(oldest);
    }
    this.transactionKeys.set(publicKey, key);
    return key;
  }

  /** The step's one write: the transaction with its new token and counters; the lock goes with it. */
  private async save(locked: LockedMokTx): Promise<void> {
    if (!(await locked.save())) throw txNotFound();
  }
}
