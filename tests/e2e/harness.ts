import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT, startSite, type Site } from '@mfv/site';
import { NEXT_APPS } from '@mfv/topology';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO_ROOT, 'tests/e2e/.artifacts');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/** Starts the built site on free ports, logging each app to tests/e2e/.artifacts/<run>/<app>.log. */
export async function startTestSite(run: string, env: NodeJS.ProcessEnv = {}): Promise<Site> {
  const ports: NodeJS.ProcessEnv = { MFV_PROXY_PORT: String(await freePort()) };
  for (const app of NEXT_APPS) ports[`MFV_${app.toUpperCase()}_PORT`] = String(await freePort());
  const dir = path.join(ARTIFACTS, run);
  mkdirSync(dir, { recursive: true });
  return startSite({
    mode: 'start',
    env: { ...ports, ...env },
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
