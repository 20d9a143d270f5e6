import type http from 'node:http';
import fc from 'fast-check';
import { decideRoute } from '@mfv/topology';
import { forwardedPath, inBlockedFolder, rawPath } from '@mfv/topology/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevProxy } from '../src/dev-proxy.js';
import { listen, rawGet, startFakeUpstreams } from './helpers.js';

/**
 * F1 end to end: generated request paths go through the real Node proxy to fake upstreams
 * that echo the path they received. No upstream is ever asked for a server bundle, and the
 * path it receives routes, on its own, to that same upstream.
 */
describe('Node dev proxy routing (fast-check, over HTTP)', () => {
  let fake: Awaited<ReturnType<typeof startFakeUpstreams>>;
  let proxy: http.Server;
  let port: number;

  beforeAll(async () => {
    fake = await startFakeUpstreams();
    proxy = createDevProxy({ upstreams: fake.upstreams, log: () => {} });
    port = await listen(proxy);
  });

  afterAll(async () => {
    proxy?.closeAllConnections();
    await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
    await fake?.close();
  });

  it('never forwards a path that resolves into a server bundle folder', async () => {
    await fc.assert(
      fc.asyncProperty(rawPath, async (raw) => {
        const res = await rawGet(port, raw);
        if (res.status !== 200) {
          expect([400, 404]).toContain(res.status);
          return;
        }
        const { upstream, path } = JSON.parse(res.body) as { upstream: string; path: string };
        const received = forwardedPath(path);
        expect(received).not.toBeNull();
        expect(inBlockedFolder(received as string)).toBe(false);
        expect(decideRoute(path)).toEqual({ kind: 'upstream', app: upstream });
      }),
      { numRuns: 400 },
    );
  }, 60_000);
});
