/**
 * The running site's control socket: `pnpm site:restart <app>` asks the `pnpm start` runner to
 * restart one app — a team rebuilt its remote (`pnpm --filter @mfv/notice build`) and wants that
 * process alone to serve the new build, on its port, with the site's environment, while every
 * other app keeps running.
 *
 * HTTP over a Unix socket at `<state dir>/control.sock` (default `.site/control.sock`, mode 0600:
 * only the user who started the site can use it). The runner removes it when it stops; a socket
 * file nobody answers on (a runner that was killed) is replaced at the next start.
 *
 *   POST /restart/<name>   200 {app, pid, restartMs} once the app is ready again;
 *                          404 {code: UNKNOWN_APP, message} naming the apps there are;
 *                          409 {code: RESTARTING} while the same app is restarting;
 *                          500 {code: RESTART_FAILED, message} when it did not come back.
 *
 * This module imports only Node's standard library: the CLI loads it without a build.
 */
import { existsSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

/** What the control server needs of an app: the runner's Service has these. */
export interface Restartable {
  readonly pid: number | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ControlServer {
  readonly socketPath: string;
  close(): Promise<void>;
}

export const CONTROL_SOCKET_NAME = 'control.sock';

function answer(res: http.ServerResponse, status: number, body: Record<string, unknown>) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Is something answering on this socket? (A leftover file from a killed runner is not.) */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startControlServer(
  socketPath: string,
  apps: Readonly<Record<string, Restartable>>,
  log: (line: string) => void = () => {},
): Promise<ControlServer> {
  if (existsSync(socketPath)) {
    if (await answers(socketPath)) {
      throw new Error(`another site is running (its control socket ${socketPath} answers)`);
    }
    rmSync(socketPath, { force: true });
  }
  const restarting = new Set<string>();
  const server = http.createServer((req, res) => {
    const match = /^\/restart\/([^/?#]*)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      answer(res, 404, { code: 'NOT_FOUND', message: 'POST /restart/<app> only' });
      return;
    }
    const name = decodeURIComponent(match[1] ?? '');
    const app = Object.hasOwn(apps, name) ? apps[name] : undefined;
    if (!app) {
      answer(res, 404, {
        code: 'UNKNOWN_APP',
        message: `no app named "${name.slice(0, 40)}" in this site; one of: ${Object.keys(apps).join(', ')}`,
      });
      return;
    }
    if (restarting.has(name)) {
      answer(res, 409, { code: 'RESTARTING', message: `${name} is already restarting` });
      return;
    }
    restarting.add(name);
    const started = performance.now();
    log(`restarting ${name} …`);
    void (async () => {
      try {
        await app.stop();
        await app.start();
        const restartMs = Math.round(performance.now() - started);
        log(`${name} restarted in ${restartMs} ms (pid ${app.pid})`);
        answer(res, 200, { app: name, pid: app.pid, restartMs });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`${name} did not come back: ${message}`);
        answer(res, 500, { code: 'RESTART_FAILED', message });
      } finally {
        restarting.delete(name);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 0600 from the start: umask while the socket is created.
    const umask = process.umask(0o177);
    server.listen(socketPath, () => {
      process.umask(umask);
      server.off('error', reject);
      resolve();
    });
  });
  return {
    socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}

export type RestartResult =
  { ok: true; app: string; pid: number | undefined; restartMs: number } | { ok: false; message: string };

/**
 * Asks the running site to restart `app`; the answer in words a person can act on. `timeoutMs`
 * bounds the whole restart (a Next app is ready within its own 60 s bound).
 */
export function requestRestart(socketPath: string, app: string, timeoutMs = 120_000): Promise<RestartResult> {
  return new Promise((resolve) => {
    const req = http.request(
      { socketPath, path: `/restart/${encodeURIComponent(app)}`, method: 'POST', timeout: timeoutMs },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: Record<string, unknown> = {};
          try {
            body = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // not JSON: reported below
          }
          if (res.statusCode === 200) {
            resolve({
              ok: true,
              app,
              pid: typeof body.pid === 'number' ? body.pid : undefined,
              restartMs: Number(body.restartMs),
            });
          } else {
            resolve({ ok: false, message: String(body.message ?? `the site answered ${res.statusCode}`) });
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      resolve({
        ok: false,
        message:
          error.code === 'ENOENT' || error.code === 'ECONNREFUSED'
            ? `no site is running (nothing answers on ${socketPath}); start one with \`pnpm start\``
            : `the site did not answer: ${error.message}`,
      });
    });
    req.end();
  });
}
