/**
 * The mobile-ok 본인확인-API flow of the verify remote: one method per API route, over the
 * client of `@mfv/verification/mobile-ok`, the browser-bound transaction store and the hand-off.
 *
 *   start    token/get                 → transaction {clientTxId, publicKey, token, service}
 *   request  auth/request              → OTP sent / PASS push / ARS number
 *   resend   auth/resend               → a new OTP (SMS, LMS, SMS 소유인증), resendCount honoured
 *   call     auth/call                 → the ARS call (ARS only)
 *   confirm  confirm/request           → pending (PASS, ARS) | wrong code (retryCount) | the result:
 *            decrypted, the guide's two mandatory checks (clientTxId, issueDate ≤ 10 min), the
 *            entered data compared, the transaction consumed, handed off → one-time ticket
 *
 * Every provider answer's new `encryptMOKToken` replaces the stored one (본인확인-API 가이드 §4–§7). A failure
 * the guide lets the person recover from keeps the transaction (`restart: false`); any other
 * ends it.
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
import { customerMessage, fromMokError, fromMokResult, mokCustomerMessage } from './errors';
import { MOK_PROVIDER, openMokRecord, type EnteredData } from './result';
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
}

type LockedMokTx = LockedTransaction<MokTxData>;

type SealedInput = EnteredData;

/** Provider failures after which the same transaction can go on (본인확인-API 가이드 §5.2, §6, §7). */
const PENDING_CODES = new Set([
  '6702', // PASS 인증 미진행: not approved yet
  '4500', // ARS 결과 없음: the call is not over yet
  '4501', // ARS 전화 요청 직후 재요청: the first call is still on
]);
const WRONG_CODE_CODES = new Set(['2910', '4013']);
const ARS_NO_ANSWER = '4612';
const RESEND_LIMIT = '4302';
const SMS_NOT_SENT = '4012';

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
const failure = (error: MokResultError, extra: ErrorExtra = {}): VerifyError =>
  fromMokResult(error, { restart: false, ...extra });

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
        // auth/request runs once per token (a second one is refused): any failure ends the transaction.
        throw await this.end(ctx, locked, error);
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
        // The provider would refuse it (4302); the code already sent stays valid.
        throw new VerifyError(422, 'MOK_RESULT', customerMessage(RESEND_LIMIT), {
          resultCode: RESEND_LIMIT,
          restart: false,
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
        if (
          error instanceof MokResultError &&
          (error.resultCode === RESEND_LIMIT || error.resultCode === SMS_NOT_SENT)
        ) {
          tx.data = { ...tx.data, token: error.encryptMOKToken ?? tx.data.token };
          if (error.resultCode === RESEND_LIMIT) tx.data.resendRemaining = 0;
          await this.save(locked);
          throw failure(error, { resendRemaining: tx.data.resendRemaining });
        }
        throw await this.end(ctx, locked, error);
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
        if (error instanceof MokResultError && PENDING_CODES.has(error.resultCode)) {
          tx.data = { ...tx.data, token: error.encryptMOKToken ?? tx.data.token };
          await this.save(locked);
          throw failure(error);
        }
        throw await this.end(ctx, locked, error);
      }
    });
  }

  /** POST …/mok/confirm {authNumber?}: confirm/request, then the result checks and the hand-off. */
  async confirm(ctx: RouteContext, authNumber: string | undefined): Promise<Reply<MokConfirmResponse>> {
    return this.step(ctx, ['requested', 'called'], async (locked, { client }) => {
      const { tx } = locked;
      const service = tx.data.service;
      const info = MOK_SERVICES[service];
      if (service === 'ars' && tx.data.phase !== 'called') throw stepInvalid();
      const problem = validateAuthNumber(service, authNumber ?? '');
      if (problem !== undefined) throw invalidInput({ authNumber: problem });
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
        const outcome = await this.confirmFailed(ctx, locked, error);
        if (outcome instanceof VerifyError) throw outcome;
        return outcome;
      }
      // Single use (본인확인-API 가이드 §7 "인증결과 재사용 방지"): whoever deletes the transaction owns the result.
      if (!(await locked.consume())) throw txNotFound();
      this.deps.store.clear(ctx.res);
      const entered =
        tx.data.input === undefined
          ? null
          : unseal<SealedInput>(this.deps.auth.config.keys.seal, INPUT_PURPOSE, tx.data.input);
      const record = openMokRecord(confirmed.encryptMOKResult, client, tx.data, entered, this.now());
      const owner = await resolveOwner(this.deps.auth, ctx.req, ctx.res);
      const stored = await handOff(this.deps.auth, record, owner, ctx.requestId);
      return { status: 200, body: { status: 'verified' as const, ticket: stored.ticket } };
    });
  }

  /** A failed confirm/request: pending, a wrong code with retries left, an unanswered ARS call — or the end. */
  private async confirmFailed(
    ctx: RouteContext,
    locked: LockedMokTx,
    error: unknown,
  ): Promise<VerifyError | Reply<MokConfirmResponse>> {
    const { tx } = locked;
    if (!(error instanceof MokResultError)) return this.end(ctx, locked, error);
    const code = error.resultCode;
    // Every answer's new token replaces the old one; an answer without one (nothing was spent) keeps it.
    const keep = async (data: Partial<MokTxData>) => {
      tx.data = { ...tx.data, token: error.encryptMOKToken ?? tx.data.token, ...data };
      await this.save(locked);
    };
    if (PENDING_CODES.has(code)) {
      // PASS not approved yet / the ARS call not over: the page asks again in a moment.
      await keep({});
      return { status: 202, body: { status: 'pending', message: mokCustomerMessage(error) } };
    }
    if (WRONG_CODE_CODES.has(code) && (error.retryCount ?? 0) > 0) {
      await keep({ retryRemaining: error.retryCount as number });
      return failure(error, { retryRemaining: error.retryCount });
    }
    if (code === ARS_NO_ANSWER && tx.data.service === 'ars') {
      // 본인확인-API 가이드 §6: not picked up → the call may be requested again.
      await keep({ phase: 'requested' });
      return failure(error, { canCall: true });
    }
    return this.end(ctx, locked, error, WRONG_CODE_CODES.has(code) ? { retryRemaining: 0 } : {});
  }

  /** Ends the transaction after an unrecoverable failure; returns the error to answer with. */
  private async end(
    ctx: RouteContext,
    locked: LockedMokTx,
    error: unknown,
    extra: ErrorExtra = {},
  ): Promise<VerifyError> {
    await locked.consume();
    this.deps.store.clear(ctx.res);
    if (error instanceof MokResultError) return fromMokResult(error, { restart: true, ...extra });
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
