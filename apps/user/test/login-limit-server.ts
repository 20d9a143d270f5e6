/**
 * One user-app process for login-limit-processes.test.ts: the real login start routes
 * (GET /user/api/login/kakao) behind Next's API resolver, configured from the
 * environment as `pnpm start` configures them. Prints `{"port": N}` once listening.
 * Run with `node --import tsx test/login-limit-server.ts`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NextApiHandler } from 'next';
import { apiResolver } from 'next/dist/server/api-utils/node/api-resolver.js';

const API_CONTEXT = { previewModeId: '', previewModeEncryptionKey: '', previewModeSigningKey: '' };

const routes = new Map<string, NextApiHandler>([
  ['/user/api/login/kakao', (await import('../src/pages/api/login/kakao')).default],
]);

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://user.test');
  res.setHeader('x-served-by', String(process.pid));
  void apiResolver(
    req,
    res,
    Object.fromEntries(url.searchParams),
    { default: routes.get(url.pathname), config: { api: { bodyParser: false } } },
    API_CONTEXT as never,
    false,
    false,
    url.pathname,
  );
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
