import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Clock ticks per second of `/proc/<pid>/stat`'s times (USER_HZ on Linux). */
const TICKS_PER_SECOND = 100;

/** The process group and the CPU ticks (utime + stime) of one `/proc/<pid>/stat` line. */
function parseStat(stat: string): { pgrp: number; ticks: number } {
  // Fields after the command name (which may hold spaces): state is field 3, pgrp 5, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pgrp: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/**
 * CPU time (user + system, ms) a process has used so far, from `/proc/<pid>/stat` (Linux; clock
 * ticks of 10 ms). On a shared machine throughput moves with everyone else's load; CPU time per
 * request of the server process does much less.
 */
export function cpuTimeMs(pid: number): number {
  return (parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU seconds (utime + stime) of every process in process group `pgid`, from /proc (Linux). */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const parsed = parseStat(stat);
    if (parsed.pgrp === pgid) ticks += parsed.ticks;
  }
  return ticks / TICKS_PER_SECOND;
}

/**
 * A closed-loop load: `connections` keep-alive workers, each sending the next request when the
 * last one finished, for `durationMs`. Latency per request with a microsecond clock (autocannon
 * rounds to whole milliseconds, too coarse for sub-millisecond differences). Bounded: it stops
 * by itself at the deadline.
 */
export async function runLoad(options: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationMs: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.url);
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          headers: options.headers,
          agent,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(performance.now() - t0);
            else failures += 1;
            resolve();
          });
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        failures += 1;
        resolve();
      });
      req.end();
    });
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    rps: latencies.length / elapsedS,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    failures,
  };
}
