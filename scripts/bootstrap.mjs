#!/usr/bin/env node
// Gets a fresh clone from "Node.js and npm" to a running command, with nothing but Node's
// standard library: checks Node, makes pnpm available (the one on PATH, else a private copy), installs the
// workspace when node_modules is missing or older than the lockfile, checks the system
// packages the command needs and says exactly what to install, then runs the command.
//
//   node scripts/bootstrap.mjs setup|start|dev|test|bench:ssr|bench:auth|bench:mok
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.9';
const command = process.argv[2] ?? 'start';
const passthrough = process.argv.slice(3);

const COMMANDS = {
  // Only the bootstrap: pnpm, the workspace install, then prints pnpm's version.
  setup: { run: ['pnpm', '--version'], system: [] },
  start: { run: ['node', '--import', 'tsx', 'tools/site/src/cli.ts', 'start'], system: [] },
  dev: { run: ['node', '--import', 'tsx', 'tools/site/src/cli.ts', 'dev'], system: [] },
  test: {
    run: ['pnpm', 'run', 'test:all'],
    system: [
      'chromium',
      'nginx',
      'redis-server',
      'redis-sentinel',
      'redis-cli',
      'docker-compose',
      'openssl',
      'libfaketime',
    ],
  },
  'compose:smoke': { run: ['pnpm', 'run', 'compose:smoke:run'], system: ['docker', 'chromium'] },
  'bench:ssr': { run: ['pnpm', 'run', 'bench:ssr:run'], system: ['chromium'] },
  'bench:auth': { run: ['pnpm', 'run', 'bench:auth:run'], system: ['redis-server'] },
  'bench:mok': { run: ['pnpm', 'run', 'bench:mok:run'], system: ['redis-server'] },
};

/** Debian package that provides each binary. */
const DEBIAN_PACKAGE = {
  docker: 'docker.io',
  chromium: 'chromium',
  nginx: 'nginx',
  'redis-server': 'redis-server',
  'redis-sentinel': 'redis-sentinel',
  'redis-cli': 'redis-tools',
  'docker-compose': 'docker-compose',
  openssl: 'openssl',
  libfaketime: 'faketime',
};
const BINARY_PATHS = {
  chromium: ['/usr/bin/chromium'],
  nginx: ['/usr/sbin/nginx', '/usr/bin/nginx'],
  // The e2e suite runs the servers at 00:30 KST under libfaketime (tests/e2e/midnight.e2e.test.ts).
  libfaketime: ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'],
};

function fail(message) {
  process.stderr.write(`\n✗ ${message}\n`);
  process.exit(1);
}

function has(binary) {
  if ((BINARY_PATHS[binary] ?? []).some((p) => existsSync(p))) return true;
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

const spec = COMMANDS[command];
if (!spec) fail(`unknown command "${command}" (one of: ${Object.keys(COMMANDS).join(', ')})`);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19))
  fail(`Node.js 20.19 or newer is required (this is ${process.versions.node}).`);

// pnpm: the one on PATH when it is pnpm 10; otherwise a private copy installed with npm under
// .tools/pnpm (git-ignored). No `corepack enable` and no global install: on machines where
// corepack cannot download pnpm, its shims (/usr/bin/pnpm) answer with an error and make
// `npm install --global pnpm` fail with EEXIST, so neither is a step that reliably works.
const TOOLS_DIR = process.env.MFV_BOOTSTRAP_TOOLS_DIR ?? path.join(ROOT, '.tools', 'pnpm');
const LOCAL_BIN = path.join(TOOLS_DIR, 'node_modules', '.bin');

function pnpmVersion() {
  const probe = spawnSync('pnpm', ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 60_000,
    env: { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' },
  });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

const PNPM_MAJOR = PNPM_VERSION.split('.')[0];
const usable = (version) => version !== null && version.split('.')[0] === PNPM_MAJOR;
if (existsSync(path.join(LOCAL_BIN, 'pnpm')))
  process.env.PATH = `${LOCAL_BIN}${path.delimiter}${process.env.PATH}`;
let found = pnpmVersion();
if (!usable(found)) {
  process.stdout.write(
    `${found ? `pnpm ${found} is not pnpm ${PNPM_MAJOR}` : 'pnpm is not available'}; installing pnpm ${PNPM_VERSION} into ${path.relative(ROOT, TOOLS_DIR) || TOOLS_DIR} …\n`,
  );
  const status = run('npm', [
    'install',
    '--prefix',
    TOOLS_DIR,
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--no-package-lock',
    `pnpm@${PNPM_VERSION}`,
  ]);
  process.env.PATH = `${LOCAL_BIN}${path.delimiter}${process.env.PATH}`;
  found = status === 0 ? pnpmVersion() : null;
  if (!usable(found)) {
    fail(
      `could not install pnpm ${PNPM_VERSION} with npm (see the output above); check that npm can reach its registry (npm ping), then run the command again.`,
    );
  }
}

const marker = path.join(ROOT, 'node_modules/.modules.yaml');
const lockfile = path.join(ROOT, 'pnpm-lock.yaml');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lockfile).mtimeMs) {
  process.stdout.write('Installing dependencies (pnpm install --frozen-lockfile) …\n');
  if (run('pnpm', ['install', '--frozen-lockfile']) !== 0)
    fail(
      'pnpm install failed (see the output above); check that npm can reach its registry (npm ping), then run the command again.',
    );
}

const missing = spec.system.filter((binary) => !has(binary));
if (missing.length > 0) {
  const packages = [...new Set(missing.map((b) => DEBIAN_PACKAGE[b]))].join(' ');
  fail(
    `"${command}" needs ${missing.join(', ')}, which this machine does not have.\n  Debian/Ubuntu: sudo apt-get install -y ${packages}`,
  );
}

const [cmd, ...args] = spec.run;
const child = spawn(cmd, [...args, ...passthrough], { cwd: ROOT, stdio: 'inherit' });
// Forward stop signals; the command shuts its own children down and exits.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
