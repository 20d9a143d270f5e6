/**
 * Independent remote deploys (docs/remotes.md), in Chromium against `next start` builds:
 *
 * - deploy 1 is what a team does: change NoticeList's heading, `next build` the notice app (which
 *   publishes the build as a release) and restart only it, while a bounded load runs and a tab
 *   stays open; the shell's server render must show the new heading within 10 s of the remote
 *   being ready, every request answers 200, and no tab (open or new) sees a hydration error;
 * - deploys 2…5 publish further releases derived from the last one (its files with the heading
 *   changed, under a new release id) — the same switch for the shell and the browser, without four
 *   more builds on a two-core machine;
 * - roll back (`remote:rollback notice`) and unpin through the CLI, timed the same way;
 * - a release built against another React major is refused: fallback slot, page 200, a logged reason.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type Site } from '@mfv/site';
import { launchBrowser, slotStates, startTestSite, watchProblems, type PageProblems } from './harness.js';

const run = promisify(execFile);
const NOTICE_DIR = path.join(REPO_ROOT, 'apps/notice');
const RELEASES = path.join(NOTICE_DIR, 'public/_mfv');
const INDEX = path.join(RELEASES, 'releases.json');
const SOURCE = path.join(NOTICE_DIR, 'src/exposes/NoticeList.tsx');
const HEADING = '공지사항';
const SWITCH_BOUND_MS = 10_000;

interface Index {
  remote: string;
  current: string;
  releases: Array<{ release: string; builtAt: string; shared: Record<string, { version: string }> }>;
}
const readIndex = (): Index => JSON.parse(readFileSync(INDEX, 'utf8')) as Index;

let site: Site;
let browser: Browser;
let context: BrowserContext;
let originalIndex: string;
let originalSource: string;
const derived: string[] = [];

/** What the shell's server render says about the NoticeList slot right now. */
async function rendered(): Promise<{ status: number; release?: string; heading?: string; state?: string }> {
  const res = await fetch(`${site.url}/`, { signal: AbortSignal.timeout(5000) });
  const html = await res.text();
  const release = /data-remote-slot="notice\/NoticeList" data-state="ok" data-remote-release="([^"]+)"/.exec(
    html,
  )?.[1];
  const heading = /<h2[^>]*id="notice-list-title"[^>]*>([^<]*)</.exec(html)?.[1];
  return { status: res.status, release, heading, state: slotStates(html)['notice/NoticeList'] };
}

/** Polls the server render every 100 ms until `check` holds; the elapsed ms, or Infinity. */
async function timeUntil(check: (r: Awaited<ReturnType<typeof rendered>>) => boolean, boundMs: number) {
  const started = performance.now();
  while (performance.now() - started < boundMs) {
    if (check(await rendered())) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  return Infinity;
}

/** A bounded load through the proxy: `workers` loops of GET / until stopped (or 10 minutes). */
function startLoad(workers = 2) {
  const stats = { requests: 0, failed: [] as string[], fallback: 0 };
  let stop = false;
  const deadline = Date.now() + 10 * 60_000;
  const loops = Array.from({ length: workers }, async () => {
    while (!stop && Date.now() < deadline) {
      try {
        const res = await fetch(`${site.url}/`, { signal: AbortSignal.timeout(5000) });
        const html = await res.text();
        stats.requests++;
        if (res.status !== 200) stats.failed.push(`HTTP ${res.status}`);
        if (slotStates(html)['notice/NoticeList'] !== 'ok') stats.fallback++;
      } catch (error) {
        stats.requests++;
        stats.failed.push(String(error));
      }
    }
  });
  return {
    stats,
    async stop() {
      stop = true;
      await Promise.all(loops);
      return stats;
    },
  };
}

/** A new release of notice made from `from`: its files with the heading replaced, under a new id. */
function deriveRelease(from: string, label: string, edit?: (manifest: Index['releases'][0]) => void) {
  const id = `e2e${Date.now().toString(36)}${derived.length}`;
  for (const side of ['client', 'ssr']) {
    cpSync(path.join(RELEASES, side, from), path.join(RELEASES, side, id), { recursive: true });
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (name.endsWith('.js')) {
          const text = readFileSync(file, 'utf8');
          // The heading's text node in the compiled component (client and server copies).
          const next = text.replace(/"공지사항[^"]*"(?=\})/g, `"${label}"`);
          if (next !== text) writeFileSync(file, next);
        }
      }
    };
    walk(path.join(RELEASES, side, id));
  }
  const index = readIndex();
  const manifest = structuredClone(index.releases.find((r) => r.release === from)!);
  Object.assign(manifest, { release: id, builtAt: new Date().toISOString() });
  edit?.(manifest);
  writeFileSync(path.join(RELEASES, 'client', id, 'release.json'), JSON.stringify(manifest, null, 2));
  index.releases.push(manifest);
  index.current = id;
  writeFileSync(INDEX, JSON.stringify(index, null, 2));
  derived.push(id);
  return id;
}

async function restartNotice(): Promise<void> {
  await site.apps.notice.stop();
  await site.apps.notice.start(); // resolves once /notice/api/healthz answers
}

async function cli(...args: string[]) {
  const { stdout } = await run(
    process.execPath,
    [path.join(REPO_ROOT, 'packages/remote-versions/dist/cli.js'), ...args],
    { env: { ...process.env, ...site.env } as NodeJS.ProcessEnv, timeout: 20_000 },
  );
  return stdout;
}

/** A fresh tab: loads /, waits for hydration; returns what it showed and loaded. */
async function newTab(): Promise<{ problems: PageProblems; heading: string | null; entries: string[] }> {
  const page = await context.newPage();
  const problems = watchProblems(page);
  const entries: string[] = [];
  page.on('request', (r) => {
    // The federation runtime adds a cache-busting query to entries; the path names the release.
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/notice/') && pathname.endsWith('/remoteEntry.js')) entries.push(pathname);
  });
  await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });
  const heading = await page.locator('#notice-list-title').textContent();
  // Hydrated: the list's buttons respond.
  await page.locator('[data-slot-component="notice/NoticeList"]').waitFor();
  await page.close();
  return { problems, heading, entries };
}

/**
 * The open tab navigates client-side (away and back) and must render the served release. It waits
 * for the network to settle at each step, so no request is cut short by the test itself.
 */
async function navigateOpenTab(page: Page, release: string) {
  await page.locator('a[href="/verification"]').first().click();
  await page.waitForURL(`${site.url}/verification`);
  await page.locator('[data-slot-component="verify/VerifyLauncher"]').waitFor();
  await page.waitForLoadState('networkidle');
  await page.goBack();
  await page.waitForURL(`${site.url}/`);
  const slot = page.locator(`[data-remote-slot="notice/NoticeList"][data-remote-release="${release}"]`);
  await slot.locator('[data-slot-component="notice/NoticeList"] #notice-list-title').waitFor();
  await page.waitForLoadState('networkidle');
  return slot.locator('#notice-list-title').textContent();
}

const hydrationErrors = (p: PageProblems) =>
  [...p.consoleErrors, ...p.pageErrors].filter((m) => /418|hydrat|did not match/i.test(m));

beforeAll(async () => {
  originalIndex = readFileSync(INDEX, 'utf8');
  originalSource = readFileSync(SOURCE, 'utf8');
  [site, browser] = await Promise.all([startTestSite('remote-deploy'), launchBrowser()]);
  context = await browser.newContext();
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.stop();
  if (originalSource !== undefined) writeFileSync(SOURCE, originalSource);
  if (originalIndex !== undefined) {
    // Back to the build this checkout's source makes: turbo restores it from its cache.
    for (const id of derived) {
      rmSync(path.join(RELEASES, 'client', id), { recursive: true, force: true });
      rmSync(path.join(RELEASES, 'ssr', id), { recursive: true, force: true });
    }
    await run(
      'pnpm',
      ['exec', 'turbo', 'run', 'build', '--filter=@mfv/notice', '--output-logs=errors-only'],
      {
        cwd: REPO_ROOT,
        timeout: 300_000,
      },
    ).catch((error: unknown) => console.warn(`notice rebuild after the test: ${String(error)}`));
  }
}, 360_000);

describe('deploying a remote alone', () => {
  const switches: number[] = [];

  it('five deploys under load with an open tab: SSR switches within 10 s, 0 failed requests, 0 hydration errors', async () => {
    const v1 = readIndex().current;
    const before = await rendered();
    expect(before).toMatchObject({ status: 200, release: v1, heading: HEADING });

    const openTab = await context.newPage();
    const openProblems = watchProblems(openTab);
    await openTab.goto(`${site.url}/`, { waitUntil: 'networkidle' });
    const load = startLoad();
    const report: string[] = [];
    try {
      // Deploy 1: a real rebuild of the changed source, then a restart of notice alone.
      writeFileSync(SOURCE, originalSource.replace(`>${HEADING}</h2>`, `>${HEADING} v2</h2>`));
      expect(readFileSync(SOURCE, 'utf8')).toContain(`${HEADING} v2`);
      await run('pnpm', ['run', 'build'], {
        cwd: NOTICE_DIR,
        timeout: 400_000,
        env: { ...process.env, NODE_ENV: 'production' },
      });
      writeFileSync(SOURCE, originalSource);
      let release = readIndex().current;
      expect(release).not.toBe(v1);
      let label = `${HEADING} v2`;
      for (let deploy = 1; deploy <= 5; deploy++) {
        if (deploy > 1) {
          label = `${HEADING} v${deploy + 1}`;
          release = deriveRelease(release, label);
        }
        await restartNotice();
        const switchMs = await timeUntil((r) => r.release === release && r.heading === label, 30_000);
        switches.push(switchMs);
        report.push(
          `deploy ${deploy} → ${release}: SSR switched ${Math.round(switchMs)} ms after notice was ready`,
        );

        const tab = await newTab();
        expect(tab.heading).toBe(label);
        expect(tab.entries).toContain(`/notice/_mfv/client/${release}/static/chunks/remoteEntry.js`);
        expect(hydrationErrors(tab.problems)).toEqual([]);
        expect(tab.problems).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });

        // The tab opened before this deploy navigates and gets the new release, without a reload.
        expect(await navigateOpenTab(openTab, release)).toBe(label);
      }
    } finally {
      const stats = await load.stop();
      report.push(
        `load: ${stats.requests} requests, ${stats.failed.length} failed, ${stats.fallback} rendered the fallback (notice restarting)`,
      );
      const sorted = [...switches].sort((a, b) => a - b);
      report.push(
        `switch ms p50 ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? NaN)} max ${Math.round(sorted.at(-1) ?? NaN)}`,
      );
      console.log(report.join('\n'));
      expect(stats.failed).toEqual([]);
    }
    expect(switches).toHaveLength(5);
    for (const ms of switches) expect(ms).toBeLessThanOrEqual(SWITCH_BOUND_MS);
    expect(hydrationErrors(openProblems)).toEqual([]);
    expect(openProblems).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
    await openTab.close();
  }, 900_000);

  it('rollback and unpin through the CLI: the previous release within 10 s, no restart', async () => {
    const index = readIndex();
    const current = index.current;
    const previous = index.releases[index.releases.findIndex((r) => r.release === current) - 1]!.release;
    const load = startLoad(1);
    try {
      const out = await cli('rollback', 'notice');
      expect(out).toContain(`to ${previous}`);
      const rollbackMs = await timeUntil((r) => r.release === previous, 15_000);
      expect(rollbackMs).toBeLessThanOrEqual(SWITCH_BOUND_MS);
      const tab = await newTab();
      expect(tab.entries, JSON.stringify(tab.entries)).toContain(
        `/notice/_mfv/client/${previous}/static/chunks/remoteEntry.js`,
      );
      expect(tab.problems).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });

      expect(await cli('unpin', 'notice')).toContain('unpinned');
      const unpinMs = await timeUntil((r) => r.release === current, 15_000);
      console.log(`rollback: ${Math.round(rollbackMs)} ms; unpin: ${Math.round(unpinMs)} ms`);
      expect(rollbackMs).toBeLessThanOrEqual(SWITCH_BOUND_MS);
      expect(unpinMs).toBeLessThanOrEqual(SWITCH_BOUND_MS);

      // The status endpoint is internal: the service credential or 401 {code, message}.
      const shellUrl = `http://127.0.0.1:${site.topology.ports.shell}/api/internal/remotes`;
      const refused = await fetch(shellUrl, { headers: { authorization: 'Bearer wrong' } });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ code: 'UNAUTHORIZED' });
      const status = await cli('status');
      expect(status).toContain(`notice: current ${current}`);
      expect(status).toMatch(new RegExp(`"serving": "${current}"`));
    } finally {
      const stats = await load.stop();
      expect(stats.failed).toEqual([]);
    }
  }, 120_000);

  it('a release built against another React major is refused: fallback slot, page 200, reason logged', async () => {
    const good = readIndex().current;
    const bad = deriveRelease(good, `${HEADING} react18`, (m) => {
      m.shared.react = { ...m.shared.react!, version: '18.3.1' };
      m.shared['react-dom'] = { ...m.shared['react-dom']!, version: '18.3.1' };
    });
    await restartNotice();
    const shellLog = path.join(REPO_ROOT, 'tests/e2e/.artifacts/remote-deploy/shell.log');
    const reason = `release ${bad} of notice: react 18.3.1 (host 19.2.0)`;
    const started = performance.now();
    while (!readFileSync(shellLog, 'utf8').includes(reason) && performance.now() - started < 15_000) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(performance.now() - started).toBeLessThanOrEqual(SWITCH_BOUND_MS);
    expect(readFileSync(shellLog, 'utf8')).toMatch(
      /"msg":"remote release refused; its slots render the fallback"/,
    );
    const page = await rendered();
    expect(page.status).toBe(200);
    expect(page.state).toBe('down');
    // Other remotes keep rendering; the tab shows the styled fallback without errors.
    const tab = await context.newPage();
    const problems = watchProblems(tab);
    await tab.goto(`${site.url}/`, { waitUntil: 'networkidle' });
    expect(await tab.locator('[data-remote-slot="notice/NoticeList"] [data-slot-fallback]').isVisible()).toBe(
      true,
    );
    expect(await tab.locator('[data-slot-component="user/UserMenu"]').isVisible()).toBe(true);
    expect(hydrationErrors(problems)).toEqual([]);
    await tab.close();

    // Pinning the last good release brings it back without touching the shell.
    await cli('pin', 'notice', good);
    expect(await timeUntil((r) => r.release === good, 15_000)).toBeLessThanOrEqual(SWITCH_BOUND_MS);
    await cli('unpin', 'notice');
    expect(existsSync(path.join(RELEASES, 'client', bad))).toBe(true);
  }, 120_000);
});
