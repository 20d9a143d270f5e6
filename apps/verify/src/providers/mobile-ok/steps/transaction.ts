/**
 * What every mobile-ok step of the service shares: the transaction's data (the browser-bound
 * transaction store), running a step under its lock for its owner, the one write per step, ending
 * the transaction after a failure the person cannot recover from, the sealed entered data and the
 * parsed per-transaction keys.
 *
 * Every provider answer's new `encryptMOKToken` replaces the stored one (본인확인-API 가이드 §4–§7).
 * What a failure allows is the class of its code in ../retry-classes.ts (one table, the guide's
 * words): `wait` and `retry-same-step` keep the transaction (`restart: false`); the others end it.
 */
import type { KeyObject } from 'node:crypto';
import { seal, unseal, type Auth } from '@mfv/auth';
import { parseMokPublicKey, MokResultError } from '@mfv/verification/mobile-ok';
import { stepInvalid, txBusy, txNotFound, type VerifyError } from '../../../core/errors';
import { assertTransactionOwner } from '../../../core/handoff';
import type { RouteContext } from '../../../core/http';
import type { RateLimits } from '../../../core/limits';
import type { VerifyErrorBody } from '../../../core/responses';
import {
  TransactionBusyError,
  TransactionNotFoundError,
  VERIFY_TX_TTL_MS,
  type LockedTransaction,
  type TransactionStore,
} from '../../../core/transactions';
import type { MokClientAccess } from '../client';
import { fromMokError, fromMokResult } from '../errors';
import { MOK_PROVIDER, type EnteredData } from '../result';
import { mokRetryRow, type MokRetryClass } from '../retry-classes';
import type { MokAdultUsage, MokServiceId } from '../rules';

export type ErrorExtra = Omit<VerifyErrorBody, 'code' | 'message'>;
/** A step's lock outlives the longest provider call it guards. */
const LOCK_MARGIN_MS = 5_000;
/** Parsed transaction keys kept per process (a transaction's steps usually reach the same one). */
const MAX_CACHED_KEYS = 1024;
/** What the entered data is sealed under while the transaction lives (AES-256-GCM, @mfv/auth seal). */
const INPUT_PURPOSE = 'verify:mok:input';

export type MokStepName = 'auth' | 'resend' | 'call' | 'confirm';

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
  /** A request tried again needs a fresh provider transaction first (./request.ts `keepForRetry`). */
  renewToken?: boolean;
  /** The adult check asked for at auth/request (usageCode 01016/01026): confirm decides it (./confirm.ts). */
  adultUsage?: MokAdultUsage;
}

export type LockedMokTx = LockedTransaction<MokTxData>;

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
export const failure = (
  error: MokResultError,
  retryClass: MokRetryClass,
  extra: ErrorExtra = {},
): VerifyError => fromMokResult(error, { restart: false, retryClass, ...extra });

/** The class (../retry-classes.ts) of a provider failure at `step`. */
export const classOf = (error: unknown, step: MokStepName) =>
  error instanceof MokResultError ? mokRetryRow(error.resultCode, step, error.resultMsg) : undefined;

/** The transactions of the mobile-ok service and what every step does with them. */
export class MokTransactions {
  readonly now: () => Date;
  /** token/get's publicKey (base64 SPKI) → the parsed key, so request and confirm need not parse it again. */
  private readonly transactionKeys = new Map<string, KeyObject>();

  constructor(readonly deps: MokServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Runs `fn` with this browser's transaction, under its step lock, in one of `phases`. No
   * transaction → 410 (expired, consumed, or another browser's); another step running → 409.
   */
  async step<R>(
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

  /** The step's one write: the transaction with its new token and counters; the lock goes with it. */
  async save(locked: LockedMokTx): Promise<void> {
    if (!(await locked.save())) throw txNotFound();
  }

  /** Ends the transaction after an unrecoverable failure; returns the error to answer with. */
  async end(
    ctx: RouteContext,
    locked: LockedMokTx,
    error: unknown,
    step: MokStepName,
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

  /** The entered data, sealed for the transaction's life. */
  sealInput(input: EnteredData): string {
    return seal(this.deps.auth.config.keys.seal, INPUT_PURPOSE, input, VERIFY_TX_TTL_MS);
  }

  /** The entered data the transaction holds, or null when it holds none. */
  openInput(data: MokTxData): EnteredData | null {
    return data.input === undefined
      ? null
      : unseal<EnteredData>(this.deps.auth.config.keys.seal, INPUT_PURPOSE, data.input);
  }

  transactionKey(publicKey: string): KeyObject {
    return this.transactionKeys.get(publicKey) ?? this.remember(publicKey, parseMokPublicKey(publicKey));
  }

  remember(publicKey: string, key: KeyObject): KeyObject {
    if (this.transactionKeys.size >= MAX_CACHED_KEYS) {
      const oldest = this.transactionKeys.keys().next().value;
      if (oldest !== undefined) this.transactionKeys.delete(oldest);
    }
    this.transactionKeys.set(publicKey, key);
    return key;
  }
}
