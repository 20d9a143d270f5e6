import { readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@mfv/site';
import { prepareStack, startNextApp, topologyEnv, type RunningServer, type Stack } from '../src/servers.js';

/**
 * Observability (docs/operations.md, Observe), for the Next apps: an error Next answers with a 500 (here: a page whose
 * getServerSideProps fails because REDIS_URL names a Sentinel group without its master name)
 * becomes one JSON log line with the proxy's x-request-id, and a Sentry event tagged with it —
 * through instrumentation.ts's onRequestError, with a local stand-in for Sentry's ingest.
 */
describe('a server error in a Next app (notice, `next start`)', () => {
  const envelopes: string[] = [];
  const ingest = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      envelopes.push(body);
      res.writeHead(200).end('{}');
    });
  });
  let stack: Stack;
  let notice: RunningServer;

  beforeAll(async () => {
    await new Promise<void>((r) => ingest.listen(0, '127.0.0.1', () => r()));
    const dir = path.join(REPO_ROOT, 'tools/platform/.artifacts/next-request-errors');
    rmSync(dir, { recursive: true, force: true });
    stack = prepareStack(dir, {
      // Passes the schema (scheme and host), fails in createRedis at first use: a 500, not a 503.
      REDIS_URL: 'redis-sentinel://127.0.0.1:1',
      SENTRY_DSN: `http://publickey@127.0.0.1:${(ingest.address() as AddressInfo).port}/7`,
      SENTRY_ENVIRONMENT: 'drill',
    });
    notice = await startNextApp(stack, 'notice', { env: await topologyEnv({}) });
  });
  afterAll(async () => {
    await notice?.service.stop();
    ingest.closeAllConnections();
    ingest.close();
  });

  it('logs one JSON line and sends one scrubbed Sentry event, both with the request id', async () => {
    const res = await fetch(`${notice.url}?code=oauth-code-secret`, {
      headers: { 'x-request-id': 'req-ssr-boom-1', cookie: 'mfv_sid=session-secret' },
    });
    expect(res.status).toBe(500);

    const logFile = stack.log('notice');
    await expect
      .poll(
        () =>
          readFileSync(logFile, 'utf8')
            .split('\n')
            .filter((l) => l.startsWith('{'))
            .map((l) => JSON.parse(l) as Record<string, unknown>)
            .find((l) => l.requestId === 'req-ssr-boom-1'),
        { timeout: 10_000 },
      )
      .toMatchObject({ level: 'error', msg: 'unexpected error', where: expect.stringContaining('/') });

    await expect
      .poll(() => envelopes.join('\n'), { timeout: 15_000 })
      .toContain('"request_id":"req-ssr-boom-1"');
    const sent = envelopes.join('\n');
    expect(sent).toContain('RedisUrlError');
    expect(sent).toContain('"environment":"drill"');
    expect(sent).not.toContain('session-secret');
    expect(sent).not.toContain('oauth-code-secret');
  });
});
