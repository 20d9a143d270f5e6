/**
 * pnpm bench:ssr — the federated shell home against a "monolith" baseline page that renders
 * the same components from local imports, in one run on one machine:
 *   - server: requests/s, p50 and p99 latency of `/` and `/baseline`, straight at the shell's
 *     port (SSR cost, no proxy), alternating rounds so drift hits both equally;
 *   - browser: JavaScript bytes each page loads in Chromium until hydrated (decoded and as
 *     transferred, gzip), with a fresh cache.
 * Prints each round (paired baseline/federated, with its ratio), the spread over rounds, and the
 * ratios federated / baseline. Also the shell's CPU time per request (user + system time of its
 * process group from /proc, over each load phase, divided by the requests answered): unlike
 * requests/s it hardly depends on what else the machine runs, so it compares a change on a
 * loaded machine too. Bounded: every phase has a fixed duration. Knobs: BENCH_ROUNDS (3),
 * BENCH_DURATION_S (8), BENCH_CONNECTIONS (8).
 */
import autocannon from 'autocannon';
import { chromium, type Response } from 'playwright-core';
import path from 'node:path';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { REPO_ROOT, startSite } from '@mfv/site';
import { NEXT_APPS } from '@mfv/topology';
import { freePort } from '@mfv/testkit/ports';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU time (user + system) of the shell's process group per answered request, ms. */
  cpuMsPerRequest: number;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * CPU time (user + system, ms) used so far by every process of a process group (the service's
 * `next start` and whatever it spawned), from /proc/<pid>/stat; null where /proc is missing.
 */
function groupCpuMs(pgid: number): number | null {
  let ticks = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name "(…)": state ppid pgrp … utime (14th) stime (15th field).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

async function load(url: string, durationS: number, pgid?: number): Promise<LoadResult> {
  const cpuBefore = pgid === undefined ? null : groupCpuMs(pgid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: durationS });
  const cpuAfter = pgid === undefined ? null : groupCpuMs(pgid);
  const answered = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuMsPerRequest:
      cpuBefore === null || cpuAfter === null || answered === 0 ? NaN : (cpuAfter - cpuBefore) / answered,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function jsBytes(
  url: string,
  ready: string[],
): Promise<{ decoded: number; transferred: number; files: number }> {
  const browser = await chromium.launch({
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
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts: Response[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r);
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    // Hydrated: a click on each component changes state only once React owns it.
    for (const selector of ready) await page.locator(selector).first().waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');
    let decoded = 0;
    let transferred = 0;
    for (const response of scripts) {
      decoded += (await response.body()).length;
      transferred += (await response.request().sizes()).responseBodySize;
    }
    return { decoded, transferred, files: scripts.length };
  } finally {
    await browser.close();
  }
}

function fmt(n: number, digits = 1): string {
  return n.toFixed(digits).padStart(10);
}

async function main() {
  const env: Record<string, string | undefined> = {
    MFV_BENCH_BASELINE: 'true',
    MFV_PROXY_PORT: String(await freePort()),
  };
  for (const app of NEXT_APPS) env[`MFV_${app.toUpperCase()}_PORT`] = String(await freePort());
  const logs = path.join(REPO_ROOT, 'tests/e2e/.artifacts/bench-ssr');
  mkdirSync(logs, { recursive: true });
  process.stdout.write('Starting the built site …\n');
  const site = await startSite({
    mode: 'start',
    env,
    output: (name) => ({ kind: 'file', file: path.join(logs, `${name}.log`) }),
  });
  try {
    const shell = `http://127.0.0.1:${site.topology.ports.shell}`;
    const targets = { baseline: `${shell}/baseline`, federated: `${shell}/` };
    for (const [name, url] of Object.entries(targets)) {
      const res = await fetch(url);
      if (res.status !== 200) throw new Error(`${name} page answered ${res.status}`);
    }
    const shellGroup = site.apps.shell.pid;
    process.stdout.write(`Warming up (${DURATION_S} s each) …\n`);
    await load(targets.baseline, Math.max(2, DURATION_S / 2));
    await load(targets.federated, Math.max(2, DURATION_S / 2));

    const runs: Record<keyof typeof targets, LoadResult[]> = { baseline: [], federated: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order =
        round % 2 === 0 ? (['baseline', 'federated'] as const) : (['federated', 'baseline'] as const);
      for (const name of order) {
        process.stdout.write(
          `Round ${round + 1}/${ROUNDS}: ${name} (${DURATION_S} s, ${CONNECTIONS} connections)\n`,
        );
        runs[name].push(await load(targets[name], DURATION_S, shellGroup));
      }
      const [b, f] = [runs.baseline[round]!, runs.federated[round]!];
      process.stdout.write(
        `  round ${round + 1}: baseline ${b.rps.toFixed(1)} req/s, federated ${f.rps.toFixed(1)} req/s, ratio ${(f.rps / b.rps).toFixed(3)}×; ` +
          `CPU/request baseline ${b.cpuMsPerRequest.toFixed(3)} ms, federated ${f.cpuMsPerRequest.toFixed(3)} ms, ratio ${(f.cpuMsPerRequest / b.cpuMsPerRequest).toFixed(3)}×\n`,
      );
    }
    const ratios = runs.federated.map((f, i) => f.rps / runs.baseline[i]!.rps);
    const cpuRatios = runs.federated.map((f, i) => f.cpuMsPerRequest / runs.baseline[i]!.cpuMsPerRequest);
    const spread = (values: number[], digits = 1) =>
      `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
    const summary = (name: keyof typeof targets) => ({
      rps: runs[name].reduce((a, r) => a + r.rps, 0) / runs[name].length,
      p50: median(runs[name].map((r) => r.p50)),
      p99: median(runs[name].map((r) => r.p99)),
      failures: runs[name].reduce((a, r) => a + r.non2xx + r.errors, 0),
      cpu: median(runs[name].map((r) => r.cpuMsPerRequest)),
    });
    const base = summary('baseline');
    const fed = summary('federated');

    process.stdout.write('Measuring browser JavaScript …\n');
    const publicUrl = site.url;
    const homeReady = ['[data-slot-component="user/UserMenu"]', '[data-slot-component="notice/NoticeList"]'];
    const baseJs = await jsBytes(`${publicUrl}/baseline`, homeReady);
    const fedJs = await jsBytes(`${publicUrl}/`, homeReady);

    const lines = [
      '',
      `SSR benchmark — ${ROUNDS} rounds × ${DURATION_S} s, ${CONNECTIONS} connections, straight at the shell (next start)`,
      '                         baseline   federated       ratio',
      `requests/s            ${fmt(base.rps)}  ${fmt(fed.rps)}  ${fmt(fed.rps / base.rps, 3)}×`,
      `p50 latency (ms)      ${fmt(base.p50)}  ${fmt(fed.p50)}  ${fmt(fed.p50 / base.p50, 3)}×`,
      `p99 latency (ms)      ${fmt(base.p99)}  ${fmt(fed.p99)}  ${fmt(fed.p99 / base.p99, 3)}×`,
      `requests/s spread     ${spread(runs.baseline.map((r) => r.rps)).padStart(10)}  ${spread(runs.federated.map((r) => r.rps)).padStart(10)}  ${`${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`.padStart(10)}× (per round)`,
      `CPU ms/request (med.) ${fmt(base.cpu, 3)}  ${fmt(fed.cpu, 3)}  ${fmt(fed.cpu / base.cpu, 3)}×`,
      `CPU ms/request spread ${spread(
        runs.baseline.map((r) => r.cpuMsPerRequest),
        3,
      ).padStart(10)}  ${spread(
        runs.federated.map((r) => r.cpuMsPerRequest),
        3,
      ).padStart(10)}  ${spread(cpuRatios, 3).padStart(10)}× (per round)`,
      `failed requests       ${fmt(base.failures, 0)}  ${fmt(fed.failures, 0)}`,
      `JS files              ${fmt(baseJs.files, 0)}  ${fmt(fedJs.files, 0)}`,
      `JS bytes (decoded)    ${fmt(baseJs.decoded, 0)}  ${fmt(fedJs.decoded, 0)}  ${fmt(fedJs.decoded / baseJs.decoded, 3)}×`,
      `JS bytes (gzip wire)  ${fmt(baseJs.transferred, 0)}  ${fmt(fedJs.transferred, 0)}  ${fmt(fedJs.transferred / baseJs.transferred, 3)}×`,
      '',
      `targets: throughput ≥ 0.95× → ${fed.rps / base.rps >= 0.95 ? 'met' : 'NOT met'}; JS ≤ 1.15× (gzip wire) → ${fedJs.transferred / baseJs.transferred <= 1.15 ? 'met' : 'NOT met'}`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    await site.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:ssr failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
