import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSandboxEnv, sandboxOptionsFromEnv } from '../src/env.js';
import { startServer } from '../src/lifecycle.js';
import { withDevMtls } from '../src/providers/toss/index.js';
import { TEST_APPS, startSandbox, testClock } from './helpers.js';
import { bridgeCode } from './toss-helpers.js';
import { TEST_KCB, kcbToken, popupStart } from './kcb-helpers.js';
import { ssafyOptions, verifyAs } from './ssafy-helpers.js';
import { LOGIN_API, testCerts, tossOptions, tossRequest } from './toss-helpers.js';

beforeAll(async () => {
  await testCerts();
}, 60_000);

describe('KCB, SSAFY Verify and Toss wired into the sandbox', () => {
  it('/healthz lists the mounted providers; absent options mount nothing', async () => {
    const all = await startSandbox({ kcb: TEST_KCB, ssafy: ssafyOptions(), toss: await tossOptions() });
    const health = (await (await fetch(`${all.url}/healthz`)).json()) as { providers: string[] };
    expect(health.providers).toEqual(expect.arrayContaining(['kakao', 'kcb', 'ssafy', 'toss']));
    const bare = await startSandbox();
    const none = (await (await fetch(`${bare.url}/healthz`)).json()) as { providers: string[] };
    expect(none.providers).not.toContain('kcb');
    expect((await fetch(`${bare.url}/ssafy/sdk/ssafy-verify.js`)).status).toBe(404);
    expect(bare.tossMtlsUrl).toBeUndefined();
  });

  it('sweep frees expired KCB, SSAFY and Toss state', async () => {
    const clock = testClock();
    const s = await startSandbox({ clock, kcb: TEST_KCB, ssafy: ssafyOptions(), toss: await tossOptions() });
    await popupStart(s.url, await kcbToken(s.url));
    await verifyAs(s.url, 'kim-minjun');
    await bridgeCode(s.url, 'kim-minjun');
    clock.advance(25 * 60 * 60 * 1000);
    const removed = s.app.sandbox.sweep();
    expect(removed).toBeGreaterThanOrEqual(5);
    expect(s.app.sandbox.kcb?.state.transactions.size).toBe(0);
    expect(s.app.sandbox.ssafy?.state.codes.size).toBe(0);
    expect(s.app.sandbox.toss?.ctx.state.codes.size).toBe(0);
  });

  it('boots from default env: certificates made in an empty folder, the mTLS listener up, every provider answering', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mfv-toss-boot-'));
    const options = sandboxOptionsFromEnv(loadSandboxEnv({}));
    expect(options.toss).toBeDefined();
    const toss = await withDevMtls(options.toss!, dir, 0);
    expect(existsSync(path.join(dir, 'client.key'))).toBe(true);
    const running = await startServer({ ...options, mobileOk: undefined, toss, host: '127.0.0.1', port: 0 });
    try {
      expect(running.tossMtlsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const health = (await (await fetch(`${running.url}/healthz`)).json()) as { providers: string[] };
      expect(health.providers).toEqual(expect.arrayContaining(['kcb', 'ssafy', 'toss']));
      // The env defaults are a valid registration: the default KCB client gets a token.
      const token = await kcbToken(running.url, 'sandbox-kcb-client', 'sandbox-kcb-secret');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await fetch(`${running.url}/ssafy/sdk/ssafy-verify.js`)).status).toBe(200);
      expect((await fetch(`${running.url}/toss/bridge.js?persona=kim-minjun`)).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('an mTLS port already in use fails the start and closes the HTTP listener', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const options = await tossOptions();
      await expect(
        startServer({
          kakao: TEST_APPS,
          toss: { ...options, mtls: { ...options.mtls!, port } },
          host: '127.0.0.1',
          port: 0,
        }),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('the mTLS listener answers JSON 404 for an unknown path (with a client certificate)', async () => {
    const s = await startSandbox({ toss: await tossOptions() });
    const res = await tossRequest(s.tossMtlsUrl ?? '', '/nowhere');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: 'not_found' });
    expect((await tossRequest(s.tossMtlsUrl ?? '', `${LOGIN_API}/login-me`)).status).toBe(401);
  });
});
