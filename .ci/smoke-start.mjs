#!/usr/bin/env node
// CI's front-door check: the README's start command, run as a new user would run it, from a fresh
// clone of this checkout.
//
//   node .ci/smoke-start.mjs [--command "npm start"] [--cold]
//
// 1. `git clone` of this checkout into a temporary folder (what is committed, nothing else);
// 2. the start command there, in its own process group, on free ports (MFV_*_PORT), with turbo's
//    cache shared from this checkout unless --cold (the build still runs, it just finds its
//    outputs) — the command must build before it imports anything built;
// 3. waits for the site: home 200 with user/UserMenu, notice/NoticeBell and notice/NoticeList
//    rendered on the server, and /verification with verify/VerifyLauncher;
// 4. SIGTERM to the command, as a process manager would send it; every process it started must
//    be gone and every port free within 30 s.
// Node's standard library only. Prints timings; exits 1 with the reason on the first failure.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const commandArg = argv.indexOf('--command');
const command = commandArg >= 0 ? argv[commandArg + 1] : 'npm start';
const cold = argv.includes('--cold');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (line) => process.stdout.write(`smoke-start: ${line}\n`);

function fail(reason) {
  process.stderr.write(`smoke-start: FAILED — ${reason}\n`);
  process.exitCode = 1;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function portFree(port) {
  return new Promise((resolve) => {
    const probe = net.createConnection({ port, host: '127.0.0.1' });
    probe.once('connect', () => {
      probe.destroy();
      resolve(false);
    });
    probe.once('error', () => resolve(true));
  });
}

/** Every live descendant of `root` (Linux /proc), including processes that changed group. */
function descendants(root) {
  const parent = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue; // a zombie is already gone
      parent.set(Number(entry), Number(fields[1]));
    } catch {
      // exited while we looked
    }
  }
  const found = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!found.has(pid) && found.has(ppid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  found.delete(root);
  return [...found].filter((pid) => parent.has(pid));
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

async function get(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

function slotStates(html) {
  const states = {};
  for (const m of html.matchAll(/data-remote-slot="([^"]+)" data-state="([^"]+)"/g)) states[m[1]] = m[2];
  return states;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfv-front-door-'));
  const clone = path.join(dir, 'site');
  const cloned = spawnSync('git', ['clone', '--quiet', ROOT, clone], { stdio: 'inherit' });
  if (cloned.status !== 0) return fail('git clone failed');
  log(`cloned into ${clone} (${elapsed()})`);

  const ports = { MFV_PROXY_PORT: await freePort() };
  for (const name of ['SHELL', 'VERIFY', 'USER', 'NOTICE', 'API', 'SANDBOX', 'SANDBOX_MTLS', 'REDIS']) {
    ports[`MFV_${name}_PORT`] = await freePort();
  }
  const env = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
  };
  delete env.REDIS_URL;
  if (!cold && existsSync(path.join(ROOT, '.turbo/cache')))
    env.TURBO_CACHE_DIR = path.join(ROOT, '.turbo/cache');
  const site = `http://localhost:${ports.MFV_PROXY_PORT}`;

  log(`${command} (${cold ? 'cold build' : "turbo's cache shared"}); site ${site}`);
  const child = spawn('sh', ['-c', `exec ${command}`], {
    cwd: clone,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk) => {
    output += chunk.toString();
    if (output.length > 400_000) output = output.slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  let tree = [];
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  try {
    const deadline = Date.now() + 15 * 60_000;
    let ready = false;
    while (!ready && Date.now() < deadline && exited === null) {
      try {
        const home = await get(`${site}/`);
        const states = slotStates(home.html);
        ready =
          home.status === 200 &&
          ['user/UserMenu', 'notice/NoticeBell', 'notice/NoticeList'].every((id) => states[id] === 'ok');
      } catch {
        // not up yet
      }
      if (!ready) await new Promise((r) => setTimeout(r, 1000));
    }
    if (!ready) {
      return fail(
        `${exited ? `the command exited (${JSON.stringify(exited)})` : 'the site did not come up in 15 min'}:\n${output.slice(-4000)}`,
      );
    }
    log(
      `home 200 with user/UserMenu, notice/NoticeBell, notice/NoticeList server-rendered (${elapsed()} after the clone began)`,
    );
    const verification = await get(`${site}/verification`);
    if (verification.status !== 200 || slotStates(verification.html)['verify/VerifyLauncher'] !== 'ok') {
      return fail(`/verification: ${verification.status} ${JSON.stringify(slotStates(verification.html))}`);
    }
    log('/verification 200 with verify/VerifyLauncher server-rendered');
    // Every script the pages load must be there: a build restored from turbo's cache once lacked
    // the federation runtime under /<app>/_mf/ (not a declared output), and no remote's own page
    // hydrated, while every server render looked right.
    const missing = [];
    let checked = 0;
    for (const page of ['/', '/verification', '/user/login', '/verify/mok', '/notice']) {
      const { html } = await get(`${site}${page}`);
      for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) {
        checked++;
        const res = await fetch(new URL(m[1], site), { signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        if (res.status !== 200) missing.push(`${res.status} ${m[1]} (on ${page})`);
      }
    }
    if (missing.length > 0) return fail(`scripts the pages load are missing:\n  ${missing.join('\n  ')}`);
    log(`all ${checked} scripts of 5 pages answer 200`);

    tree = descendants(child.pid);
    log(`SIGTERM to the command (${tree.length} processes under it)`);
    const stopAt = Date.now();
    process.kill(child.pid, 'SIGTERM');
    while (Date.now() - stopAt < 30_000) {
      const left = tree.filter(alive);
      const busy = [];
      for (const [name, port] of Object.entries(ports))
        if (!(await portFree(port))) busy.push(`${name}=${port}`);
      if (left.length === 0 && busy.length === 0 && exited !== null) {
        log(
          `stopped in ${((Date.now() - stopAt) / 1000).toFixed(1)} s: every process gone, every port free; exit ${JSON.stringify(exited)}`,
        );
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const left = tree.filter(alive).map((pid) => {
      try {
        return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 120)}`;
      } catch {
        return String(pid);
      }
    });
    const busy = [];
    for (const [name, port] of Object.entries(ports))
      if (!(await portFree(port))) busy.push(`${name}=${port}`);
    fail(
      `30 s after SIGTERM: ${left.length} processes left [${left.join('; ')}], ports busy [${busy.join(', ')}], command ${exited ? 'exited' : 'still running'}`,
    );
  } finally {
    // Whatever is still there after a failure: the command's group, and anything it started.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
    for (const pid of [...tree, ...descendants(child.pid)]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
    log(`done (${elapsed()})`);
  }
}

main().catch((error) => fail(error instanceof Error ? error.stack : String(error)));
