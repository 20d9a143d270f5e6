/**
 * The platform's side of Toss login for the emulator's tests: HTTPS with a client certificate
 * through node:https, GCM fields opened with node:crypto directly (no code shared with the
 * emulator or the platform's client).
 */
import { createDecipheriv } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SandboxOptions } from '../src/app.js';
import {
  type CertPair,
  type DevCertPaths,
  createCa,
  ensureDevCerts,
  issueClientCert,
  loadTossTls,
} from '../src/providers/toss/certs.js';
import { startSandbox, type TestClock } from './helpers.js';

export const TOSS_KEY = Buffer.alloc(32, 7);
export const TOSS_AAD = 'test-toss-aad';
export const LOGIN_API = '/api-partner/v1/apps-in-toss/user/oauth2';

export interface TestCerts {
  readonly paths: DevCertPaths;
  /** Signed by a CA the listener does not trust. */
  readonly foreign: CertPair;
  /** Signed by the dev CA, valid two days. */
  readonly expiring: CertPair;
  /** Signed by the dev CA, already expired (0 days). */
  readonly expired: CertPair;
}

let certs: Promise<TestCerts> | undefined;
/** One set of certificates per test file (openssl takes a moment). */
export function testCerts(): Promise<TestCerts> {
  certs ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mfv-toss-test-'));
    const { paths } = await ensureDevCerts(dir);
    const otherCa = await createCa(
      { cert: path.join(dir, 'other-ca.crt'), key: path.join(dir, 'other-ca.key') },
      'other CA',
    );
    const foreign = await issueClientCert({
      ca: otherCa,
      out: { cert: path.join(dir, 'foreign.crt'), key: path.join(dir, 'foreign.key') },
      days: 390,
    });
    const expiring = await issueClientCert({
      ca: paths.ca,
      out: { cert: path.join(dir, 'expiring.crt'), key: path.join(dir, 'expiring.key') },
      days: 2,
    });
    const expired = await issueClientCert({
      ca: paths.ca,
      out: { cert: path.join(dir, 'expired.crt'), key: path.join(dir, 'expired.key') },
      days: 0,
    });
    return { paths, foreign, expiring, expired };
  })();
  return certs;
}

export async function tossOptions(
  extra: Partial<NonNullable<SandboxOptions['toss']>> = {},
): Promise<NonNullable<SandboxOptions['toss']>> {
  const { paths } = await testCerts();
  return {
    decryptKey: TOSS_KEY,
    aad: TOSS_AAD,
    mtls: { port: 0, tls: await loadTossTls(paths) },
    ...extra,
  };
}

export async function startToss(extra: Partial<NonNullable<SandboxOptions['toss']>> = {}, clock?: TestClock) {
  const sandbox = await startSandbox({ toss: await tossOptions(extra), ...(clock ? { clock } : {}) });
  if (sandbox.tossMtlsUrl === undefined) throw new Error('no mTLS listener');
  return { ...sandbox, mtls: sandbox.tossMtlsUrl };
}

export interface TossResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/**
 * One HTTPS request to the mTLS listener, trusting the dev CA, presenting `client` (the dev client
 * certificate unless told otherwise; null for none). Rejects when TLS fails.
 */
export async function tossRequest(
  base: string,
  pathname: string,
  init: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    client?: CertPair | null;
    /** TLS 1.2 reports a refused client certificate as a named alert during the handshake. */
    maxVersion?: 'TLSv1.2' | 'TLSv1.3';
  } = {},
): Promise<TossResponse> {
  const c = await testCerts();
  const client = init.client === undefined ? c.paths.client : init.client;
  const [ca, cert, key] = await Promise.all([
    readFile(c.paths.ca.cert),
    client === null ? undefined : readFile(client.cert),
    client === null ? undefined : readFile(client.key),
  ]);
  const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      `${base}${pathname}`,
      {
        method: init.method ?? (payload === undefined ? 'GET' : 'POST'),
        ca,
        ...(cert !== undefined && key !== undefined ? { cert, key } : {}),
        agent: false,
        ...(init.maxVersion !== undefined ? { maxVersion: init.maxVersion } : {}),
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            /* left empty: the caller looks at text */
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * appLogin() as `persona` through the emulated app: what the bridge script's login sheet asks the
 * sandbox for (bridge.ts) — `{authorizationCode, referrer}`.
 */
export async function bridgeCode(
  base: string,
  persona: string,
): Promise<{ authorizationCode: string; referrer: string }> {
  const res = await fetch(`${base}/toss/bridge/app-login`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({ persona }),
  });
  if (res.status !== 200) throw new Error(`bridge/app-login answered ${res.status}`);
  return (await res.json()) as { authorizationCode: string; referrer: string };
}

/** appLogin() as `persona`: the code and referrer, as URLSearchParams (what the tests read). */
export async function appLogin(base: string, persona: string): Promise<URLSearchParams> {
  return new URLSearchParams(await bridgeCode(base, persona));
}

export async function tokensFor(base: string, mtls: string, persona: string) {
  const q = await appLogin(base, persona);
  const res = await tossRequest(mtls, `${LOGIN_API}/generate-token`, {
    body: { authorizationCode: q.get('authorizationCode'), referrer: q.get('referrer') },
  });
  if (res.status !== 200) throw new Error(`generate-token answered ${res.status}: ${res.text}`);
  return (res.json.success ?? {}) as {
    accessToken: string;
    refreshToken: string;
    expiresIn: string;
    scope: string;
  };
}

/** Opens one login-me field: base64(IV 12 ‖ ciphertext ‖ tag 16), AES-256-GCM. Throws if it does not authenticate. */
export function openField(value: string, key: Buffer = TOSS_KEY, aad: string = TOSS_AAD): string {
  const raw = Buffer.from(value, 'base64');
  const iv = raw.subarray(0, 12);
  const tag = raw.subarray(raw.length - 16);
  const ciphertext = raw.subarray(12, raw.length - 16);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}
