import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { buildApp, type ApiApp, type AppDeps } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import type { SignedInResponse } from '@mfv/api-contract';
import { migrate, openPg, openPglite, type Db } from '../../src/db/index.js';
import { createCiKeyring } from '../../src/identity/ci-hash.js';
import type { TokenSettings } from '../../src/services/index.js';
import { generateSigningKeyPem, loadKeySet, type KeySet } from '../../src/tokens/keys.js';
import { consentsFor } from '@mfv/api-contract';

export const TEST_INTERNAL_TOKEN = 'test-internal-token-0123456789abcdef0123456789';
export const TEST_SEAL_SECRET = 'test-seal-secret-0123456789abcdef0123456789abcdef';
export const TEST_CI_KEY = 'test-identity-ci-key-0123456789abcdef0123456789';
export const testCiKeys = createCiKeyring(TEST_CI_KEY);

export const DEFAULT_SETTINGS: TokenSettings = {
  issuer: 'urn:mfv:api',
  audience: 'urn:mfv:web',
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 14 * 86_400,
  refreshGraceSeconds: 10,
  signupTicketTtlSeconds: 600,
};

/** A clock tests move by hand. Starts at the real "now" so seeded notices are in the past. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: number = Date.now()) {
    this.t = start;
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  advanceSeconds(s: number): void {
    this.advance(s * 1000);
  }
}

/**
 * A real-time clock that never returns the same instant twice (+1 ms per read at least), so
 * concurrent requests observe a strict order of "now"s — as they would across busy instances.
 */
export class TickingClock implements Clock {
  private last = 0;
  now(): Date {
    this.last = Math.max(this.last + 1, Date.now());
    return new Date(this.last);
  }
}

export const newKeySet = async (): Promise<KeySet> =>
  loadKeySet({ pem: generateSigningKeyPem(), source: 'test' });

export interface DriverContext {
  readonly driver: 'pglite' | 'postgres';
  /** The suite's database, migrated (shared by the tests of one file: use fresh users per test). */
  readonly db: Db;
  /** Another connection (pool) to the same database: a second api instance (Postgres only). */
  openSecondDb(): Promise<Db>;
  /** An app over the suite's database; closed after the suite. */
  makeApp(
    options?: Partial<Omit<AppDeps, 'settings'>> & { settings?: Partial<TokenSettings> },
  ): Promise<ApiApp>;
}

/**
 * Runs `body` once against embedded PGlite and once against a real Postgres (a database created for
 * this run by global-setup.ts). The Postgres half is skipped, with the reason in its title and in
 * the run's output, only when the server cannot be reached.
 */
export function describeEachDriver(title: string, body: (ctx: DriverContext) => void): void {
  const pgUrl = inject('pgUrl');
  const drivers = [
    { name: 'pglite' as const, open: () => openPglite(), skip: false, note: '' },
    {
      name: 'postgres' as const,
      open: () => openPg(pgUrl ?? ''),
      skip: pgUrl === null,
      note: pgUrl === null ? ` (skipped: ${inject('pgSkipReason')})` : '',
    },
  ];
  for (const d of drivers) {
    describe.skipIf(d.skip)(`${title} [${d.name}]${d.note}`, () => {
      let db: Db | undefined;
      const extraDbs: Db[] = [];
      const apps: ApiApp[] = [];
      let keys: KeySet | undefined;
      beforeAll(async () => {
        db = await d.open();
        await migrate(db);
        keys = await newKeySet();
      });
      afterAll(async () => {
        for (const app of apps) await app.close();
        for (const extra of extraDbs) await extra.close();
        await db?.close();
      });
      const ctx: DriverContext = {
        driver: d.name,
        get db() {
          if (!db) throw new Error('database not open yet (use it inside tests or hooks)');
          return db;
        },
        async openSecondDb() {
          if (d.name !== 'postgres' || pgUrl === null) throw new Error('a second connection needs Postgres');
          const extra = await openPg(pgUrl);
          extraDbs.push(extra);
          return extra;
        },
        async makeApp(options = {}) {
          const app = await buildApp({
            db: options.db ?? ctx.db,
            keys: options.keys ?? keys!,
            sealSecret: options.sealSecret ?? TEST_SEAL_SECRET,
            internalToken: options.internalToken ?? TEST_INTERNAL_TOKEN,
            ciKeys: options.ciKeys ?? testCiKeys,
            settings: { ...DEFAULT_SETTINGS, ...options.settings },
            ...(options.clock ? { clock: options.clock } : {}),
            ...(options.logger ? { logger: options.logger } : {}),
            ...(options.sealSweepIntervalMs ? { sealSweepIntervalMs: options.sealSweepIntervalMs } : {}),
          });
          apps.push(app);
          return app;
        },
      };
      body(ctx);
    });
  }
}

/** A Kakao id no other test uses. */
export const freshKakaoId = (): string => String(randomInt(10 ** 12, 2 ** 48 - 1));

export const service = { 'x-internal-token': TEST_INTERNAL_TOKEN };
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Kakao login of an unknown identity, then signup: a new member with one session. */
export async function signUp(
  app: ApiApp,
  options: { kakaoId?: string; nickname?: string } = {},
): Promise<SignedInResponse> {
  const login = await app.inject({
    method: 'POST',
    url: '/auth/login/kakao',
    headers: service,
    payload: { kakaoId: options.kakaoId ?? freshKakaoId(), nickname: '카카오닉' },
  });
  if (login.statusCode !== 200 || login.json().status !== 'needsSignup') {
    throw new Error(`expected needsSignup, got ${login.statusCode} ${login.body}`);
  }
  const created = await app.inject({
    method: 'POST',
    url: '/users',
    headers: service,
    payload: {
      signupTicket: login.json().signupTicket,
      nickname: options.nickname ?? '테스터',
      consents: consentsFor(),
    },
  });
  if (created.statusCode !== 200) throw new Error(`signup failed: ${created.statusCode} ${created.body}`);
  return created.json();
}

/** Logs an existing member in again (a second session). */
export async function logIn(app: ApiApp, kakaoId: string): Promise<SignedInResponse> {
  const res = await app.inject({
    method: 'POST',
    url: '/auth/login/kakao',
    headers: service,
    payload: { kakaoId },
  });
  if (res.statusCode !== 200 || res.json().status !== 'signedIn') {
    throw new Error(`expected signedIn, got ${res.statusCode} ${res.body}`);
  }
  return res.json();
}

export async function refresh(app: ApiApp, refreshToken: string) {
  return app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } });
}
