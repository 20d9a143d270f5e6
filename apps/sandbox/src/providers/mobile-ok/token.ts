import { generateKeyPair, randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { MOK_CODES } from './codes.js';
import { type MokContext } from './context.js';
import { MokEnvelopeError, rsaOpen } from './crypto.js';
import { parseRequestTime } from './result.js';
import { mokAnswer, mokShape, sendMok } from './responses.js';
import { MOK_LIMITS, type MokTokenRequestVersion, type MokTransaction } from './state.js';
import { bodyOf } from './transaction.js';

const generateRsa = promisify(generateKeyPair);
type RsaPair = Awaited<ReturnType<typeof generateRsa>>;

/**
 * Per-transaction keys, from a pool: the first {@link MOK_TRANSACTION_KEY_POOL} transactions each
 * generate one, later ones reuse them in turn. An RSA-2048 key costs the sandbox ~100–200 ms of
 * CPU — more than everything else in a flow on both sides together — and a client cannot tell
 * (it only encrypts to the key it is given). The one simplification against the real service,
 * whose keys are (presumably) never reused.
 */
export const MOK_TRANSACTION_KEY_POOL = 16;
const keyPool: Promise<RsaPair>[] = [];
let nextKey = 0;
function transactionKey(): Promise<RsaPair> {
  if (keyPool.length < MOK_TRANSACTION_KEY_POOL) {
    const pair = generateRsa('rsa', { modulusLength: MOK_TRANSACTION_KEY_BITS });
    // A failed generation is dropped from the pool, not handed out again.
    pair.catch(() => keyPool.splice(keyPool.indexOf(pair), 1));
    keyPool.push(pair);
    return pair;
  }
  nextKey = (nextKey + 1) % keyPool.length;
  return keyPool[nextKey]!;
}

/**
 * The per-transaction key (`publicKey`, "사용자 정보를 암호화 하기 위한 … 암호화용 공개키 - 암호알고리즘은
 * RSA-OAEP"). The guide gives no size; 2048 bits hold the RSA-OAEP-SHA-256 header of the envelope.
 */
export const MOK_TRANSACTION_KEY_BITS = 2048;

/**
 * clientTxId: §4 "거래 ID는 20byte 이상 50byte 미만"; the samples build it from a letters-and-digits
 * prefix and a UUID. sandbox: letters, digits, '-' and '_', 20–49 characters.
 */
export const MOK_CLIENT_TX_ID = /^[A-Za-z0-9_-]{20,49}$/;

type ClientInfo = { readonly clientTxId: string; readonly requestTime: string } | undefined;

/** v1 (guide §4): `clientTxId|yyyyMMddHHmmss`, e.g. "DS20220629133555456594|20221212010101". */
function readV1(plain: string): ClientInfo {
  const parts = plain.split('|');
  if (parts.length !== 2) return undefined;
  const [clientTxId, requestTime] = parts as [string, string];
  return { clientTxId, requestTime };
}

/** v2 (not in the guide v1.0.7.1; a public 2026 integration calls it): `{"version":"V2","clientTxId":…,"requestTime":…}`. */
function readV2(plain: string): ClientInfo {
  let json: unknown;
  try {
    json = JSON.parse(plain);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const { version, clientTxId, requestTime } = json as Record<string, unknown>;
  if (version !== 'V2' || typeof clientTxId !== 'string' || typeof requestTime !== 'string') return undefined;
  return { clientTxId, requestTime };
}

export function registerTokenGet(app: FastifyInstance, ctx: MokContext): void {
  const shape = mokShape('token');
  const handler = (version: MokTokenRequestVersion) =>
    async function tokenGet(request: FastifyRequest, reply: FastifyReply) {
      const fail = (code: string) => sendMok(reply, mokAnswer(code, 'token'));
      const keys = ctx.keys;
      if (keys === undefined) throw new Error('mobile-ok keys are not loaded');
      const body = bodyOf(request);
      const { serviceId, siteUrl, encryptReqClientInfo } = body;
      if (
        typeof serviceId !== 'string' ||
        typeof siteUrl !== 'string' ||
        typeof encryptReqClientInfo !== 'string'
      ) {
        return fail(MOK_CODES.TOKEN_REQUEST_INVALID);
      }
      if (serviceId !== ctx.serviceId) return fail(MOK_CODES.UNKNOWN_SERVICE_ID);
      if (!ctx.siteUrls.includes(siteUrl)) return fail(MOK_CODES.UNREGISTERED_SITE_URL);
      let plain: string;
      try {
        plain = rsaOpen(encryptReqClientInfo, keys.serverPrivateKey);
      } catch (err) {
        if (!(err instanceof MokEnvelopeError)) throw err;
        return fail(MOK_CODES.CLIENT_INFO_UNDECRYPTABLE);
      }
      // Each path takes its own format only: a v2 body at the v1 path (or the reverse) is refused.
      const info = version === 'v2' ? readV2(plain) : readV1(plain);
      if (info === undefined) return fail(MOK_CODES.TOKEN_REQUEST_INVALID);
      if (!MOK_CLIENT_TX_ID.test(info.clientTxId)) return fail(MOK_CODES.CLIENT_TX_ID_INVALID);
      const requestedAt = parseRequestTime(info.requestTime);
      const now = ctx.clock();
      if (
        requestedAt === undefined ||
        now - requestedAt > MOK_LIMITS.requestTimeMaxAgeMs ||
        requestedAt - now > MOK_LIMITS.requestTimeMaxAheadMs
      ) {
        return fail(MOK_CODES.TOKEN_REQUEST_INVALID);
      }
      if (ctx.state.usedClientTxIds.get(info.clientTxId) !== undefined)
        return fail(MOK_CODES.CLIENT_TX_ID_IN_USE);
      // Claimed before the key is generated, so a concurrent request with the same id is refused.
      ctx.state.usedClientTxIds.set(info.clientTxId, true, MOK_LIMITS.usedClientTxIdMs);
      const pair = await transactionKey();
      const createdAt = ctx.clock();
      const tx: MokTransaction = {
        handle: randomBytes(16).toString('hex'),
        clientTxId: info.clientTxId,
        txId: randomUUID(),
        siteUrl,
        version,
        createdAt,
        privateKey: pair.privateKey,
        tokenSeq: 0,
        phase: 'issued',
      };
      ctx.state.transactions.set(tx.handle, tx, MOK_LIMITS.transactionMs);
      return sendMok(
        reply,
        mokAnswer(MOK_CODES.SUCCESS, 'token', {
          encryptMOKToken: ctx.state.rotate(tx),
          publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        }),
      );
    };
  app.post('/agent/v1/token/get', { config: { errorShape: shape } }, handler('v1'));
  app.post('/agent/v2/token/get', { config: { errorShape: shape } }, handler('v2'));
}
