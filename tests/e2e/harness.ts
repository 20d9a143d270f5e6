import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { authConfigFromEnv, createAuth, SessionStore } from '@mfv/auth';
import { RATE_LIMIT_DEFAULTS, USER_RATE_LIMIT_DEFAULTS } from '@mfv/config';
import { closeRedis, createRedis, waitForRedis } from '@mfv/redis';
import { REPO_ROOT, startSite, type Site } from '@mfv/site';
import { NEXT_APPS } from '@mfv/topology';
import { freePorts } from '@mfv/testkit/ports';
import { consentsFor } from '@mfv/api-contract';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO_ROOT, 'tests/e2e/.artifacts');

const LIFTED_RATE_LIMITS = Object.fromEntries(
  [...Object.keys(RATE_LIMIT_DEFAULTS), ...Object.keys(USER_RATE_LIMIT_DEFAULTS)].map((name) => [
    name,
    '999999/60',
  ]),
);

/** Starts the built site on free ports, logging each app to tests/e2e/.artifacts/<run>/<app>.log. */
export async function startTestSite(
  run: string,
  env: Record<string, string | undefined> = {},
): Promise<Site> {
  // Distinct ports drawn together: freePort() in a loop once gave verify and sandbox-mtls the same one.
  const names = [
    'PROXY',
    ...NEXT_APPS.map((app) => app.toUpperCase()),
    'API',
    'SANDBOX',
    'SANDBOX_MTLS',
    'REDIS',
  ];
  const drawn = await freePorts(names.length);
  const ports: Record<string, string | undefined> = Object.fromEntries(
    names.map((name, i) => [`MFV_${name}_PORT`, String(drawn[i])]),
  );
  const dir = path.join(ARTIFACTS, run);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // A REDIS_URL from the developer's shell must not leak into a test run: each run has its own Redis.
  const { REDIS_URL: _ignored, ...inherited } = process.env;
  void _ignored;
  return startSite({
    mode: 'start',
    // One persona, one phone and one address run many verifications within minutes here, far past
    // the per-member/phone/IP limits (F4); the limits themselves are tested in apps/verify with
    // real Redis. A test that wants them passes VERIFY_LIMIT_* in `env`.
    env: { ...inherited, ...LIFTED_RATE_LIMITS, ...ports, ...env },
    inheritEnv: false,
    stateDir: path.join(dir, 'state'),
    output: (name) => ({ kind: 'file', file: path.join(dir, `${name}.log`) }),
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
}

/** Records console errors, uncaught exceptions and failed/4xx/5xx requests of a page. */
export function watchProblems(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], failedRequests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => problems.pageErrors.push(e.message));
  page.on('requestfailed', (r) => problems.failedRequests.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.failedRequests.push(`${r.status()} ${r.url()}`);
  });
  return problems;
}

/**
 * Counts React renderers: every copy of react-dom registers itself with the devtools hook,
 * so more than one entry means two Reacts reached the browser.
 */
export async function installReactCounter(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const renderers = new Map<number, { version?: string }>();
    let id = 0;
    (window as unknown as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      renderers,
      supportsFiber: true,
      inject(renderer: { version?: string }) {
        renderers.set(++id, renderer);
        return id;
      },
      onCommitFiberRoot() {},
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
      checkDCE() {},
      isDisabled: false,
    };
  });
}

export async function reactVersions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const hook = (
      window as unknown as {
        __REACT_DEVTOOLS_GLOBAL_HOOK__: { renderers: Map<number, { version?: string }> };
      }
    ).__REACT_DEVTOOLS_GLOBAL_HOOK__;
    return [...hook.renderers.values()].map((r) => r.version ?? 'unknown');
  });
}

/** GET through the proxy with a time bound; returns status, elapsed ms and body. */
export async function timedGet(
  url: string,
  timeoutMs = 5000,
): Promise<{ status: number; ms: number; html: string }> {
  const started = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const html = await res.text();
  return { status: res.status, ms: performance.now() - started, html };
}

/** `data-state` of every remote slot in server-rendered HTML. */
export function slotStates(html: string): Record<string, string> {
  const states: Record<string, string> = {};
  for (const m of html.matchAll(/data-remote-slot="([^"]+)" data-state="([^"]+)"/g)) states[m[1]!] = m[2]!;
  return states;
}

export async function eventually<T>(
  fn: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs: number,
  stepMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await fn();
  while (!check(last)) {
    if (Date.now() > deadline) return last;
    await new Promise((r) => setTimeout(r, stepMs));
    last = await fn();
  }
  return last;
}

let kakaoIds = 7_000_000_000 + Math.floor(Math.random() * 1_000_000);

/**
 * A signed-in browser without clicking through a provider: a member created through the api's
 * own login + signup endpoints, the session stored by @mfv/auth's startSession (the code the
 * login routes use), its cookies handed to the browser context.
 */
export async function signIn(
  site: Site,
  context: BrowserContext,
  nickname: string,
): Promise<{ sid: string }> {
  const apiUrl = site.env.AUTH_API_URL as string;
  const internal = readFileSync(site.env.API_INTERNAL_TOKEN_FILE as string, 'utf8').trim();
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${internal}` },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const login = await post('/auth/login/kakao', { kakaoId: String(kakaoIds++) });
  const tokens = await post('/users', {
    signupTicket: login.signupTicket,
    nickname,
    consents: consentsFor(),
  });
  const redis = createRedis(site.redis.url);
  await waitForRedis(redis);
  try {
    const auth = createAuth({ config: authConfigFromEnv(site.env), store: new SessionStore(redis) });
    const setCookies: string[] = [];
    await auth.startSession(
      {
        getHeader: () => setCookies,
        setHeader: (_: string, v: string[]) => setCookies.splice(0, setCookies.length, ...v),
      } as never,
      tokens as never,
    );
    await context.addCookies(
      setCookies
        .map((c) => c.split(';')[0]!.split('='))
        .filter(([, value]) => value)
        .map(([name, value]) => ({
          name: name!,
          value: decodeURIComponent(value!),
          url: site.url,
          httpOnly: true,
          sameSite: 'Lax' as const,
        })),
    );
  } finally {
    await closeRedis(redis);
  }
  return { sid: tokens.sessionId as string };
}
