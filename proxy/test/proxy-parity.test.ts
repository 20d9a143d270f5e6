import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideRoute } from '@mfv/topology';
import { createDevProxy } from '../src/dev-proxy.js';
import { HSTS_HEADER, SECURITY_HEADERS } from '../src/security-headers.js';
import { renderNginxConfig } from '../src/nginx.js';
import { listen, rawGet, startFakeUpstreams, startNginx } from './helpers.js';
import { freePort } from '@mfv/testkit/ports';

/**
 * The request table both public proxies must agree on. `expect` is the upstream that must
 * answer, 404 for the server bundles nextjs-mf copies into static folders, 400 for paths
 * nginx rejects outright.
 */
const TABLE: { path: string; expect: string | 404 | 400; nginxParseError?: true }[] = [
  { path: '/', expect: 'shell' },
  { path: '/verification', expect: 'shell' },
  { path: '/_next/static/chunks/main.js', expect: 'shell' },
  { path: '/verify', expect: 'verify' },
  { path: '/verify/', expect: 'verify' },
  { path: '/verify/api/mok/start', expect: 'verify' },
  { path: '/verify/_next/static/chunks/remoteEntry.js', expect: 'verify' },
  { path: '/verifyx', expect: 'shell' },
  { path: '/VERIFY/api', expect: 'shell' },
  { path: '/user', expect: 'user' },
  { path: '/user/login/kakao/callback?code=abc&state=xyz', expect: 'user' },
  // An encoded slash is refused (F1): the two proxies and Next would split it differently.
  { path: '/user%2Fsettings', expect: 400 },
  { path: '/users', expect: 'shell' },
  { path: '/notice', expect: 'notice' },
  { path: '/notice?next=/verify', expect: 'notice' },
  { path: '/notice/_next/static/chunks/remoteEntry.js', expect: 'notice' },
  { path: '/verify/../user/x', expect: 'user' },
  { path: '/_next/static/ssrx/a.js', expect: 'shell' },
  // Server bundles: refused under every base path, however the path is spelled.
  { path: '/_next/static/ssr/remoteEntry.js', expect: 404 },
  { path: '/_next/static/ssr', expect: 404 },
  { path: '/_next/static/ssr/', expect: 404 },
  { path: '/verify/_next/static/ssr/remoteEntry.js', expect: 404 },
  { path: '/user/_next/static/ssr/__federation_expose_UserMenu.js', expect: 404 },
  { path: '/notice/_next/static/ssr/remoteEntry.js', expect: 404 },
  { path: '/notice/_mfv/ssr/abc123/remoteEntry.js', expect: 404 },
  { path: '/notice/_mfv/client/abc123/static/chunks/remoteEntry.js', expect: 'notice' },
  { path: '/%5Fnext/static/ssr/remoteEntry.js', expect: 404 },
  { path: '/verify/%5fnext/static/%73sr/remoteEntry.js', expect: 404 },
  { path: '//_next/static/ssr/remoteEntry.js', expect: 404 },
  { path: '/verify//_next//static/ssr/remoteEntry.js', expect: 404 },
  { path: '/verify/../_next/static/ssr/remoteEntry.js', expect: 404 },
  { path: '/user/./_next/static/ssr/remoteEntry.js', expect: 404 },
  { path: '/notice/x/../_next/static/ssr/remoteEntry.js', expect: 404 },
  // Paths nginx refuses before routing.
  // (nginx's own parser refuses these before any config runs, with its HTML error page.)
  { path: '/../etc/passwd', expect: 400, nginxParseError: true },
  { path: '/verify/%00', expect: 400, nginxParseError: true },
  // F1 (red-team): a backslash or an encoded dot/slash/backslash is refused with 400 before
  // routing, under every base path: WHATWG URL (what http-proxy-3 forwards) reads `\` as `/`
  // and `%2e` as `.`, so such paths were routed as one path and forwarded as another.
  ...['', '/verify', '/user', '/notice'].flatMap((base) => [
    { path: `${base}/_next/static\\ssr/remoteEntry.js`, expect: 400 as const },
    { path: `${base}/_next/static/x\\..\\ssr/remoteEntry.js`, expect: 400 as const },
    { path: `${base}/_next\\static\\ssr\\remoteEntry.js`, expect: 400 as const },
    { path: `${base}/_next/static%5Cssr/remoteEntry.js`, expect: 400 as const },
    { path: `${base}/_next/static/x%5c..%5cssr/remoteEntry.js`, expect: 400 as const },
    { path: `${base}/_next/static/x/%2e%2e/ssr/remoteEntry.js`, expect: 400 as const },
    { path: `${base}/_next/static/x/.%2E/ssr/remoteEntry.js`, expect: 400 as const },
    { path: `${base}/_next/static%2Fssr/remoteEntry.js`, expect: 400 as const },
  ]),
  { path: '/verify\\page', expect: 400 },
];

function outcome(res: { status: number; body: string }): string | number {
  if (res.status !== 200) return res.status;
  return (JSON.parse(res.body) as { upstream: string }).upstream;
}

describe('Node dev proxy and generated nginx pick the same upstream', () => {
  let fake: Awaited<ReturnType<typeof startFakeUpstreams>>;
  let nodeProxy: http.Server;
  let nodePort: number;
  let nginx: ChildProcess;
  let nginxPort: number;
  let prefix: string;

  beforeAll(async () => {
    fake = await startFakeUpstreams();
    nodeProxy = createDevProxy({ upstreams: fake.upstreams, log: () => {} });
    nodePort = await listen(nodeProxy);
    prefix = mkdtempSync(path.join(tmpdir(), 'mfv-nginx-'));
    nginxPort = await freePort();
    const configFile = path.join(prefix, 'nginx.conf');
    writeFileSync(
      configFile,
      renderNginxConfig({ upstreams: fake.upstreams, listenPort: nginxPort, mode: 'prefix', prefix }),
    );
    nginx = await startNginx(prefix, configFile, nginxPort);
  }, 20_000);

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    nodeProxy?.closeAllConnections();
    await new Promise<void>((r) => (nodeProxy ? nodeProxy.close(() => r()) : r()));
    await fake?.close();
    if (prefix) rmSync(prefix, { recursive: true, force: true });
  });

  for (const row of TABLE) {
    it(`${row.path} → ${row.expect}`, async () => {
      const [viaNode, viaNginx] = await Promise.all([
        rawGet(nodePort, row.path),
        rawGet(nginxPort, row.path),
      ]);
      expect({ node: outcome(viaNode), nginx: outcome(viaNginx) }).toEqual({
        node: row.expect,
        nginx: row.expect,
      });
      if (typeof row.expect === 'number') {
        // Refusals are JSON {code, message} from both proxies.
        for (const res of row.nginxParseError ? [viaNode] : [viaNode, viaNginx]) {
          expect(res.headers['content-type']).toMatch(/^application\/json/);
          expect(JSON.parse(res.body)).toMatchObject({
            code: expect.any(String),
            message: expect.any(String),
          });
        }
      } else {
        // The Node proxy forwards exactly the path it routed on: the upstream receives a path
        // that WHATWG URL leaves as it is and that routes to the same app.
        const received = (JSON.parse(viaNode.body) as { path: string }).path;
        const pathPart = received.split('?', 1)[0] as string;
        expect(new URL(received, 'http://x.invalid').pathname).toBe(pathPart);
        expect(decideRoute(received)).toEqual({ kind: 'upstream', app: row.expect });
      }
    });
  }

  it('both send the security header table on every answer (pages, refusals, upstream overrides); no HSTS on http', async () => {
    for (const path of [
      '/',
      '/user/login',
      '/verify/own-headers',
      '/verify/_next/static/ssr/x.js',
      '/verify\\x',
    ]) {
      const [viaNode, viaNginx] = await Promise.all([rawGet(nodePort, path), rawGet(nginxPort, path)]);
      for (const [proxyName, res] of [
        ['node', viaNode],
        ['nginx', viaNginx],
      ] as const) {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
          expect(res.headers[name.toLowerCase()], `${proxyName} ${path} ${name}`).toBe(value);
        }
        expect(res.headers[HSTS_HEADER.name.toLowerCase()], `${proxyName} ${path}`).toBeUndefined();
      }
    }
  });

  it('both add an x-request-id when absent, keep a well-formed one, replace a malformed one', async () => {
    for (const port of [nodePort, nginxPort]) {
      const generated = await rawGet(port, '/');
      const generatedId = (JSON.parse(generated.body) as { requestId: string }).requestId;
      expect(generatedId).toMatch(/^[A-Za-z0-9._-]{16,}$/);
      expect(generated.headers['x-request-id']).toBe(generatedId);

      const kept = await rawGet(port, '/user', { 'x-request-id': 'abc-123.DEF_4' });
      expect((JSON.parse(kept.body) as { requestId: string }).requestId).toBe('abc-123.DEF_4');
      expect(kept.headers['x-request-id']).toBe('abc-123.DEF_4');

      const replaced = await rawGet(port, '/user', { 'x-request-id': 'bad id with spaces' });
      const replacedId = (JSON.parse(replaced.body) as { requestId: string }).requestId;
      expect(replacedId).not.toBe('bad id with spaces');
      expect(replacedId).toMatch(/^[A-Za-z0-9._-]{16,}$/);
    }
  });

  it('both pass websocket upgrades (HMR) to the upstream that owns the path', async () => {
    for (const port of [nodePort, nginxPort]) {
      for (const [wsPath, app] of [
        ['/_next/webpack-hmr', 'shell'],
        ['/verify/_next/webpack-hmr', 'verify'],
      ] as const) {
        const head = await new Promise<string>((resolve, reject) => {
          const socket = net.connect(port, '127.0.0.1', () => {
            socket.write(
              `GET ${wsPath} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
                'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
            );
          });
          let data = '';
          socket.setTimeout(5000, () => socket.destroy(new Error('upgrade timed out')));
          socket.on('data', (c) => {
            data += c.toString();
            if (data.includes('\r\n\r\n')) {
              socket.destroy();
              resolve(data);
            }
          });
          socket.on('error', reject);
        });
        expect(head).toMatch(/^HTTP\/1\.1 101/);
        expect(head.toLowerCase()).toContain(`x-upstream: ${app}`);
      }
    }
  });
});
