import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';
import { type Clock } from '../../clock.js';
import { TtlStore } from '../../store.js';
import { type MokAuthInfo } from './auth-info.js';
import { type MokPersonaEntry } from './context.js';

/**
 * Time limits and counters from the guide.
 * - §4 "거래토큰 유효시간은 총 10분으로 인증 요청 후 7분내에 인증처리(이동통신사 기준) 되어야 하며
 *   인증번호 2번 재시도 가능"; §8 5033 "최초 토큰발급 이후 10분".
 * - §8 4301 "검증요청 제한 횟수인 3회", 4302 "인증번호 SMS 재전송 횟수인 3회"; §5.2 resendCount /
 *   §7 retryCount "1번 잘못된 … 시도 후 2 (남은 재시도 횟수) 응답".
 * - §6 "ARS 전화는 대부분 10초 이내 사용자의 휴대전화에 전화를 걸게된다": the emulated call takes
 *   `arsCallMs` before its outcome is known (sandbox: 3 s, short enough for a person testing).
 */
export const MOK_LIMITS = {
  transactionMs: 10 * 60 * 1000,
  authSessionMs: 7 * 60 * 1000,
  /** One first try and two retries: 3 verification requests in all. */
  confirmAttempts: 3,
  resends: 3,
  arsCallMs: 3_000,
  /** sandbox: token/get's request time may be this old (the guide gives no number) … */
  requestTimeMaxAgeMs: 5 * 60 * 1000,
  /** … or this far ahead of the sandbox's clock. */
  requestTimeMaxAheadMs: 60 * 1000,
  /** sandbox: a used clientTxId is refused (4007) for this long ("기 사용한 거래ID가 있는 경우 오류"). */
  usedClientTxIdMs: 24 * 60 * 60 * 1000,
} as const;

export type MokTokenRequestVersion = 'v1' | 'v2';

/** ARS call state of a telcoAuth-ARSAuth transaction. */
export interface MokArsCall {
  readonly startedAt: number;
}

/** What auth/request established. */
export interface MokAuthState {
  readonly info: MokAuthInfo;
  readonly persona: MokPersonaEntry;
  readonly requestedAt: number;
  resendsLeft: number;
  /** confirm/request calls left (§8 4301: 3 in all, "not yet" answers included). */
  confirmsLeft: number;
  call?: MokArsCall;
}

export interface MokTransaction {
  /** Internal handle, sealed into every token of this transaction. */
  readonly handle: string;
  readonly clientTxId: string;
  /** The provider's transaction id (MOKResult `txId`). */
  readonly txId: string;
  readonly siteUrl: string;
  readonly version: MokTokenRequestVersion;
  /** token/get time (the clock's ms): the 10 minutes run from here. */
  readonly createdAt: number;
  /** The per-transaction key pair whose public half went out as `publicKey`. */
  readonly privateKey: KeyObject;
  /** Sequence number of the only token that is valid now. */
  tokenSeq: number;
  phase: 'issued' | 'authenticating' | 'completed' | 'failed';
  /** For `failed`: the code every later confirm answers. */
  failedCode?: string;
  auth?: MokAuthState;
}

/** What a token says about itself once opened. */
export interface MokTokenClaims {
  readonly handle: string;
  readonly seq: number;
  readonly createdAt: number;
}

const TOKEN_CIPHER = 'aes-256-gcm';
const TOKEN_IV_BYTES = 12;
const TOKEN_TAG_BYTES = 16;

/**
 * `encryptMOKToken`: an opaque, sealed value (AES-256-GCM under a key that lives only in this
 * process) naming the transaction and the token's sequence number. Each response seals the next
 * number; only the latest opens the transaction (stale ones answer 5015). The creation time is
 * sealed too, so an expired transaction still answers 5033 after its state was swept.
 */
export class MokTokenSealer {
  readonly #key = randomBytes(32);

  seal(claims: MokTokenClaims): string {
    const iv = randomBytes(TOKEN_IV_BYTES);
    const cipher = createCipheriv(TOKEN_CIPHER, this.#key, iv);
    const body = JSON.stringify({ h: claims.handle, n: claims.seq, c: claims.createdAt });
    const ct = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64');
  }

  open(token: string): MokTokenClaims | undefined {
    const bytes = Buffer.from(token, 'base64');
    if (bytes.length <= TOKEN_IV_BYTES + TOKEN_TAG_BYTES || bytes.toString('base64') !== token)
      return undefined;
    try {
      const decipher = createDecipheriv(TOKEN_CIPHER, this.#key, bytes.subarray(0, TOKEN_IV_BYTES));
      decipher.setAuthTag(bytes.subarray(bytes.length - TOKEN_TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(bytes.subarray(TOKEN_IV_BYTES, bytes.length - TOKEN_TAG_BYTES)),
        decipher.final(),
      ]);
      const json = JSON.parse(plain.toString('utf8')) as { h: string; n: number; c: number };
      return { handle: json.h, seq: json.n, createdAt: json.c };
    } catch {
      return undefined;
    }
  }
}

/** All mobile-ok state of one sandbox process, in memory with TTLs (see TtlStore). */
export class MokState {
  readonly transactions: TtlStore<MokTransaction>;
  /** clientTxIds already used, for 4007. */
  readonly usedClientTxIds: TtlStore<true>;
  readonly tokens = new MokTokenSealer();

  constructor(readonly clock: Clock) {
    this.transactions = new TtlStore(clock);
    this.usedClientTxIds = new TtlStore(clock);
  }

  /** Hands out the next token of `tx`; every earlier one stops working. */
  rotate(tx: MokTransaction): string {
    tx.tokenSeq += 1;
    return this.tokens.seal({ handle: tx.handle, seq: tx.tokenSeq, createdAt: tx.createdAt });
  }

  sweep(): number {
    return this.transactions.sweep() + this.usedClientTxIds.sweep();
  }
}
