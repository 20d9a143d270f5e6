/**
 * The integrator's side of the mobile-ok wire for the emulator's tests, written with node:crypto
 * directly: it shares no code with the emulator (src/providers/mobile-ok) or with the client package,
 * so a mistake made the same way on both sides cannot pass unnoticed (docs/sandbox.md).
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { type SandboxOptions } from '../src/app.js';
import { type RunningSandbox } from '../src/lifecycle.js';
import { type MokPersona } from '../src/providers/mobile-ok/personas.js';
import { startSandbox, testClock, type TestClock } from './helpers.js';

export const SERVICE_ID = 'test-mok-service';
export const SITE_URL = 'www.mfv.test';
export const OTHER_SITE_URL = 'admin.mfv.test';
export const ARS_CODE = 'ARS-TEST-0001';

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

export interface TestKeys {
  /** The key file's ServerPublicKey: what the integrator encrypts encryptReqClientInfo with. */
  serverPublicKey: KeyObject;
  serverPrivateKey: KeyObject;
  /** The key file's ClientPrivateKey: what opens encryptMOKResult. */
  clientPrivateKey: KeyObject;
  clientPublicKey: KeyObject;
}

let cached: TestKeys | undefined;
/** One server and one client key pair per test file (RSA 2048 takes a moment). */
export function testKeys(): TestKeys {
  if (cached === undefined) {
    const server = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const client = generateKeyPairSync('rsa', { modulusLength: 2048 });
    cached = {
      serverPublicKey: server.publicKey,
      serverPrivateKey: server.privateKey,
      clientPrivateKey: client.privateKey,
      clientPublicKey: client.publicKey,
    };
  }
  return cached;
}

export function mokOptions(extra: Partial<NonNullable<SandboxOptions['mobileOk']>> = {}) {
  const keys = testKeys();
  return {
    serviceId: SERVICE_ID,
    siteUrls: [SITE_URL, OTHER_SITE_URL],
    arsCodes: [ARS_CODE],
    keys: { material: { serverPrivateKey: keys.serverPrivateKey, clientPublicKey: keys.clientPublicKey } },
    ...extra,
  } satisfies NonNullable<SandboxOptions['mobileOk']>;
}

export interface MokSandbox {
  sandbox: RunningSandbox;
  clock: TestClock;
  wire: MokWire;
}

/** A sandbox with the mobile-ok emulator on a free port, a movable clock and a wire client. */
export async function startMok(overrides: Partial<SandboxOptions> = {}): Promise<MokSandbox> {
  const clock = testClock();
  const sandbox = await startSandbox({ clock, mobileOk: mokOptions(), ...overrides });
  return { sandbox, clock, wire: new MokWire(`${sandbox.url}/mok`, testKeys(), clock) };
}

// ---- crypto, the integrator's side ----------------------------------------------------------

/** yyyyMMddHHmmss in Korean time. */
export function kstStamp(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

export function encryptForServer(plain: string, serverPublicKey: KeyObject): string {
  return publicEncrypt({ key: serverPublicKey, ...OAEP }, Buffer.from(plain, 'utf8')).toString('base64');
}

/** "server encrypt" of MOKAuthInfo / MOKVerifyInfo to the transaction's publicKey. */
export function sealForTransaction(
  plain: string,
  publicKeyB64: string,
  tweak: { hashOf?: string; keyIvBytes?: number } = {},
): string {
  const publicKey = createPublicKey({
    key: Buffer.from(publicKeyB64, 'base64'),
    format: 'der',
    type: 'spki',
  });
  const key = randomBytes(32);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const second = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
  const hash = createHash('sha256')
    .update(tweak.hashOf ?? plain, 'utf8')
    .digest('base64');
  const keyIv = Buffer.concat([key, iv]).subarray(0, tweak.keyIvBytes ?? 48);
  const first = publicEncrypt(
    { key: publicKey, ...OAEP },
    Buffer.from(`${keyIv.toString('base64')}|${hash}`),
  ).toString('base64');
  return `${first}|${second}`;
}

export interface OpenedResult {
  /** The decrypted MOKResult. */
  json: Record<string, unknown>;
  /** Whether base64(SHA-256(plaintext)) equals the sealed hash. */
  hashMatches: boolean;
  keyIvBytes: number;
}

/** Opens encryptMOKResult with the client private key. */
export function openResult(envelope: string, clientPrivateKey: KeyObject): OpenedResult {
  const [first, second, ...rest] = envelope.split('|');
  if (first === undefined || second === undefined || rest.length > 0) throw new Error('not first|second');
  const header = privateDecrypt({ key: clientPrivateKey, ...OAEP }, Buffer.from(first, 'base64')).toString(
    'utf8',
  );
  const [keyIvB64, hashB64] = header.split('|') as [string, string];
  const keyIv = Buffer.from(keyIvB64, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', keyIv.subarray(0, 32), keyIv.subarray(32));
  const plain = Buffer.concat([decipher.update(Buffer.from(second, 'base64')), decipher.final()]);
  return {
    json: JSON.parse(plain.toString('utf8')) as Record<string, unknown>,
    hashMatches: createHash('sha256').update(plain).digest('base64') === hashB64,
    keyIvBytes: keyIv.length,
  };
}

// ---- requests --------------------------------------------------------------------------------

export type MokJson = Record<string, unknown> & { resultCode: string; resultMsg: string };

export interface PostResult {
  status: number;
  contentType: string | null;
  json: MokJson;
}

export function newClientTxId(prefix = 'MFVTEST'): string {
  return prefix + randomBytes(12).toString('hex');
}

export type Product = 'PASS' | 'SMS' | 'ADULT_SMS' | 'LMS' | 'ARS' | 'SMSAuth';

/** A MOKAuthInfo for `persona` as the guide's §5.1 JSON examples build it. */
export function authInfo(persona: MokPersona, product: Product, extra: Record<string, unknown> = {}) {
  const common = {
    providerId: persona.carrier,
    usageCode: '01001',
    userName: persona.name,
    userPhone: persona.phone,
    retTransferType: 'MOKResult',
  };
  const person = {
    userBirthday: persona.birthday,
    userGender: persona.gender,
    userNation: persona.nation,
  };
  const byProduct: Record<Product, Record<string, unknown>> = {
    PASS: { serviceType: 'telcoAuth', reqAuthType: 'PASS', ...common },
    SMS: { serviceType: 'telcoAuth', reqAuthType: 'SMS', ...common, ...person },
    ADULT_SMS: { serviceType: 'telcoAuth', reqAuthType: 'SMS', ...common, ...person, usageCode: '01016' },
    LMS: { serviceType: 'telcoAuth-LMS', reqAuthType: 'LMS', ...common, ...person },
    ARS: { serviceType: 'telcoAuth-ARSAuth', reqAuthType: 'ARS', ...common, ...person, arsCode: ARS_CODE },
    SMSAuth: { serviceType: 'SMSAuth', reqAuthType: 'SMS', ...common, providerId: 'SMS' },
  };
  return { ...byProduct[product], ...extra };
}

export interface Transaction {
  clientTxId: string;
  publicKey: string;
  token: string;
}

export class MokWire {
  constructor(
    readonly base: string,
    readonly keys: TestKeys,
    readonly clock: () => number,
  ) {}

  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<PostResult> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      json: JSON.parse(text) as MokJson,
    };
  }

  /** token/get; `clientInfo` replaces the plaintext of encryptReqClientInfo. */
  tokenGet(
    options: {
      clientTxId?: string;
      version?: 'v1' | 'v2';
      requestTime?: number;
      serviceId?: string;
      siteUrl?: string;
      clientInfo?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<PostResult> {
    const clientTxId = options.clientTxId ?? newClientTxId();
    const stamp = kstStamp(options.requestTime ?? this.clock());
    const version = options.version ?? 'v1';
    const plain =
      options.clientInfo ??
      (version === 'v2'
        ? JSON.stringify({ version: 'V2', clientTxId, requestTime: stamp })
        : `${clientTxId}|${stamp}`);
    return this.post(
      `/agent/${version}/token/get`,
      {
        serviceId: options.serviceId ?? SERVICE_ID,
        siteUrl: options.siteUrl ?? SITE_URL,
        encryptReqClientInfo: encryptForServer(plain, this.keys.serverPublicKey),
      },
      options.headers,
    );
  }

  /** token/get that must succeed. */
  async begin(options: { clientTxId?: string; version?: 'v1' | 'v2' } = {}): Promise<Transaction> {
    const clientTxId = options.clientTxId ?? newClientTxId();
    const res = await this.tokenGet({ ...options, clientTxId });
    if (res.json.resultCode !== '2000') throw new Error(`token/get answered ${JSON.stringify(res.json)}`);
    return { clientTxId, publicKey: String(res.json.publicKey), token: String(res.json.encryptMOKToken) };
  }

  auth(
    tx: Transaction,
    info: Record<string, unknown> | string,
    options: { siteUrl?: string; token?: string; headers?: Record<string, string> } = {},
  ): Promise<PostResult> {
    const plain = typeof info === 'string' ? info : JSON.stringify(info);
    return this.post(
      '/agent/v1/auth/request',
      {
        siteUrl: options.siteUrl ?? SITE_URL,
        encryptMOKToken: options.token ?? tx.token,
        encryptMOKAuthInfo: sealForTransaction(plain, tx.publicKey),
      },
      options.headers,
    );
  }

  resend(token: string, headers: Record<string, string> = {}): Promise<PostResult> {
    return this.post('/agent/v1/auth/resend', { encryptMOKToken: token }, headers);
  }

  call(token: string, headers: Record<string, string> = {}): Promise<PostResult> {
    return this.post('/agent/v1/auth/call', { encryptMOKToken: token }, headers);
  }

  /** confirm/request; `authNumber` undefined sends no encryptMOKVerifyInfo (PASS, ARS). */
  confirm(
    tx: Transaction,
    token: string,
    authNumber?: string,
    headers: Record<string, string> = {},
  ): Promise<PostResult> {
    const body: Record<string, string> = { encryptMOKToken: token };
    if (authNumber !== undefined) {
      body.encryptMOKVerifyInfo = sealForTransaction(JSON.stringify({ authNumber }), tx.publicKey);
    }
    return this.post('/agent/v1/confirm/request', body, headers);
  }

  /** token/get + auth/request that must succeed; returns the transaction with the new token. */
  async authenticated(
    info: Record<string, unknown>,
    options: { version?: 'v1' | 'v2' } = {},
  ): Promise<{ tx: Transaction; auth: MokJson }> {
    const tx = await this.begin(options);
    const res = await this.auth(tx, info);
    if (res.json.resultCode !== '2000') throw new Error(`auth/request answered ${JSON.stringify(res.json)}`);
    return { tx: { ...tx, token: String(res.json.encryptMOKToken) }, auth: res.json };
  }
}

/** The token a failed or successful step handed out (it must be there). */
export function nextToken(res: PostResult): string {
  const token = res.json.encryptMOKToken;
  if (typeof token !== 'string' || token === '')
    throw new Error(`no new token in ${JSON.stringify(res.json)}`);
  return token;
}
