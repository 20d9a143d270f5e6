import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertPortsFree, isPortFree, PortBusyError } from '../src/ports.js';
import { Service } from '../src/process.js';
import { freePort } from '@mfv/testkit/ports';

const HERE = path.dirname(fileURLToPath(import.meta.url));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mfv-site-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('ports', () => {
  it('tells a busy port from a free one, and names the service and the variable to change', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((r) =>
      blocker.listen(0, '127.0.0.1', () => r((blocker.address() as net.AddressInfo).port)),
    );
    try {
      expect(await isPortFree(port)).toBe(false);
      const error = await assertPortsFree([{ service: 'user', port, envVar: 'MFV_USER_PORT' }]).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PortBusyError);
      expect((error as Error).message).toBe(
        `port ${port} (user) is already in use; stop whatever holds it or set MFV_USER_PORT to another port`,
      );
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
    expect(await isPortFree(port)).toBe(true);
  });
});

describe('Service', () => {
  it('starts a process, waits for its ready URL, and stops its whole process group', async () => {
    const port = await freePort();
    const pidFile = path.join(dir, 'grandchild.pid');
    // The service spawns a grandchild (as next start does with its server) and serves HTTP.
    const script = `
      const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(g.pid));
      require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1');
    `;
    const service = new Service(
      {
        name: 'demo',
        command: process.execPath,
        args: ['-e', script],
        cwd: dir,
        env: process.env,
        readyUrl: `http://127.0.0.1:${port}/`,
      },
      { kind: 'silent' },
    );
    await service.start();
    expect(service.running).toBe(true);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(grandchild)).toBe(true);
    await service.stop(2000);
    expect(service.running).toBe(false);
    await expect.poll(() => alive(grandchild), { timeout: 3000 }).toBe(false);
  });

  it('reports a process that dies before it is ready, with its exit code', async () => {
    const service = new Service(
      {
        name: 'broken',
        command: process.execPath,
        args: ['-e', 'process.exit(3)'],
        cwd: dir,
        env: process.env,
        readyUrl: `http://127.0.0.1:${await freePort()}/`,
      },
      { kind: 'silent' },
    );
    await expect(service.start()).rejects.toThrow('broken exited before it was ready (exit code 3)');
  });

  it('gives up on a process that never becomes ready, within its bound', async () => {
    const service = new Service(
      {
        name: 'silent',
        command: process.execPath,
        args: ['-e', 'setInterval(() => {}, 1000)'],
        cwd: dir,
        env: process.env,
        readyUrl: `http://127.0.0.1:${await freePort()}/`,
        readyTimeoutMs: 800,
      },
      { kind: 'silent' },
    );
    await expect(service.start()).rejects.toThrow(/was not ready .* within 800 ms/);
    await service.stop(1000);
  });
});

describe('orphan watch', () => {
  it('notices when the process that started it goes away (kill <pid of pnpm start>)', async () => {
    const marker = path.join(dir, 'orphaned');
    const child = path.join(dir, 'child.mjs');
    writeFileSync(
      child,
      `import { watchForOrphaning } from ${JSON.stringify(path.join(HERE, '../src/orphan.ts'))};
       import { writeFileSync } from 'node:fs';
       watchForOrphaning(() => { writeFileSync(${JSON.stringify(marker)}, 'yes'); process.exit(0); }, 3, 100);
       setInterval(() => {}, 1000);`,
    );
    // An intermediate parent starts the watcher, then exits without telling it.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, ['--import', 'tsx', ${JSON.stringify(child)}], { stdio: 'ignore', detached: true });
         setTimeout(() => process.exit(0), 1500);`,
      ],
      { cwd: path.join(HERE, '..'), stdio: 'ignore' },
    );
    await new Promise((r) => parent.on('exit', r));
    await expect.poll(() => existsSync(marker), { timeout: 5000 }).toBe(true);
  });
});
