/**
 * The login page's Toss module (src/client/toss-app.ts) with the real apps-in-toss SDK
 * (@apps-in-toss/web-bridge) against the sandbox's emulation of the Toss app's side of the bridge
 * (/toss/bridge.js), in a window-like global: where it runs, what appLogin() answers for each
 * outcome, and that the code is one the server half exchanges. The browser suite
 * (tests/e2e/toss.e2e.test.ts) does the same in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as TossApp from '../src/client/toss-app';
import { completeTossLogin } from '../src/server/toss-login';
import { exchange, Jar, startWorld, type World } from './toss-kit';

/** The global object as the SDK's `window` (the DOM types say window is always there; here it is not). */
const globals = globalThis as unknown as {
  window?: unknown;
  ReactNativeWebView?: unknown;
  __CONSTANT_HANDLER_MAP?: unknown;
};

let world: World;
let app: typeof TossApp;

beforeAll(async () => {
  world = await startWorld();
  // The SDK reads `window` (and creates its emitter on it at import): the global object plays it.
  globals.window = globalThis;
  app = await import('../src/client/toss-app');
}, 60_000);

afterAll(async () => {
  delete globals.window;
  delete globals.ReactNativeWebView;
  delete globals.__CONSTANT_HANDLER_MAP;
  await world?.close();
});

/** Runs the sandbox's bridge script in this "page", as the Toss app's WebView would provide it. */
async function insideToss(query: string) {
  const res = await fetch(`${world.sandbox.url}/toss/bridge.js?${query}`);
  expect(res.status).toBe(200);
  new Function(await res.text())();
}

function outsideToss() {
  delete globals.ReactNativeWebView;
  delete globals.__CONSTANT_HANDLER_MAP;
}

describe('the login page’s Toss module with the real SDK and the emulated Toss app', () => {
  it('outside the Toss app: no environment (the SDK finds no constants), so no appLogin', () => {
    outsideToss();
    expect(app.tossEnvironment()).toBeNull();
  });

  it('inside: getOperationalEnvironment() says sandbox, appLogin() yields a code the server exchanges', async () => {
    await insideToss('persona=lee-seoyeon');
    expect(app.tossEnvironment()).toBe('sandbox');
    const result = await app.tossAppLogin();
    expect(result).toEqual({ kind: 'code', authorizationCode: expect.any(String), referrer: 'sandbox' });
    if (result.kind !== 'code') throw new Error('no code');
    const ex = exchange(new Jar());
    const outcome = await completeTossLogin(world.deps(), ex.req, ex.res, {
      authorizationCode: result.authorizationCode,
      referrer: result.referrer as 'sandbox',
      returnTo: '/notices',
    });
    expect(outcome).toEqual({ kind: 'ok', redirectTo: '/user/signup' });
  });

  it('the person closes the sheet → cancelled (quiet); the app fails → failed', async () => {
    await insideToss('outcome=cancel');
    expect(await app.tossAppLogin()).toEqual({ kind: 'cancelled' });
    await insideToss('outcome=error');
    expect(await app.tossAppLogin()).toEqual({ kind: 'failed' });
  });
});
