import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { NEXT_APPS, type NextAppName } from '@mfv/topology';
import type { Upstreams } from '../src/upstreams.js';

export const NGINX_BIN = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

export function listen(server: http.Server | net.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** One fake app per upstream: answers with its own name, the path it received and the request id. */
export async function startFakeUpstreams(): Promise<{ upstreams: Upstreams; close: () => Promise<void> }> {
  const servers: http.Server[] = [];
  const upstreams = {} as Upstreams;
  for (const app of NEXT_APPS) {
    const server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      // An app that sends its own (weaker) security headers: the proxies' table must win.
      if (req.url?.includes('own-headers')) {
        res.setHeader('x-frame-options', 'ALLOWALL');
        res.setHeader('content-security-policy', 'default-src *');
      }
      res.end(
        JSON.stringify({ upstream: app, path: req.url, requestId: req.headers['x-request-id'] ?? null }),
      );
    });
    server.on('upgrade', (req, socket) => {
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n' +
          `x-upstream: ${app}\r\n\r\n`,
      );
      socket.end();
    });
    servers.push(server);
    upstreams[app as NextAppName] = { host: '127.0.0.1', port: await listen(server) };
  }
  return {
    upstreams,
    close: async () => {
      await Promise.all(
        servers.map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))),
      );
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends the path exactly as written (fetch/URL would normalise `..`, `//` and escapes first). */
export function rawGet(
  port: number,
  rawPath: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'GET', path: rawPath, headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error(`timeout for ${rawPath}`)));
    req.on('error', reject);
    req.end();
  });
}

/** Starts nginx unprivileged in the foreground from a prefix directory; resolves once it accepts connections. */
export async function startNginx(prefix: string, configFile: string, port: number): Promise<ChildProcess> {
  if (!NGINX_BIN) throw new Error('nginx is not installed (Debian: apt-get install -y nginx)');
  const child = spawn(NGINX_BIN, ['-p', prefix, '-c', configFile, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`nginx did not listen on ${port}: ${stderr}`);
}
