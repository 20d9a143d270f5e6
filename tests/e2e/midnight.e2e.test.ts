import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '@mfv/site';
import { launchBrowser, signIn, startTestSite, watchProblems } from './harness.js';

/**
 * The site with the servers' clock at 00:30 in Korea (15:30 UTC), the hour in which
 * `toLocaleString('ko-KR', { hour12: false })` printed "24시" in Node but "0시" in Chromium, so
 * the server-rendered KCB result never hydrated (React error #418) — `pnpm test` failed every
 * day from 15:00 to 15:59 UTC. Every server process runs under libfaketime (Debian's `faketime`)
 * with one shared offset, so api, sandbox, verify and Redis agree with each other; only the
 * machine's clock is moved, nothing in the code knows.
 */
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** Seconds from now to the next 00:30:00 KST (= 15:30:00 UTC) at least two minutes ahead. */
function secondsToNextKstHalfPastMidnight(now = Date.now()): number {
  const target = new Date(now);
  target.setUTCHours(15, 30, 0, 0);
  if (target.getTime() - now < 120_000) target.setUTCDate(target.getUTCDate() + 1);
  return Math.round((target.getTime() - now) / 1000);
}

let site: Site;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(LIBFAKETIME)) {
    throw new Error(`libfaketime not found at ${LIBFAKETIME}: apt-get install -y faketime`);
  }
  const offset = secondsToNextKstHalfPastMidnight();
  [site, browser] = await Promise.all([
    startTestSite('midnight', {
      LD_PRELOAD: LIBFAKETIME,
      FAKETIME: `+${offset}`,
      // Timers and uptime keep the real monotonic clock; only wall-clock time moves.
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
      FAKETIME_NO_CACHE: '1',
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('after midnight in Korea (servers at 00:30 KST)', () => {
  it('the KCB result is rendered on the server with 00:xx and hydrates without an error', async () => {
    const context = await browser.newContext();
    await signIn(site, context, 'KCB자정');
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${site.url}/verify/kcb`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('kcb-start').click()]);
    await popup.waitForURL(/\/kcb\/safe\/CommonSvl/);
    await popup.check('input[name="persona"][value="kim-minjun"]');
    await popup.getByRole('button', { name: '본인확인 완료' }).click();
    await page.waitForURL(`${site.url}/verify/kcb/result`);
    // Hydration finished without React error #418 (server and browser printed the same time).
    await page.waitForLoadState('networkidle');
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors.filter((e) => /418|hydrat/i.test(e))).toEqual([]);
    const shown = (await page.getByTestId('kcb-result').textContent()) ?? '';
    expect(shown).toMatch(/확인 시각\d{4}\.\d{2}\.\d{2} 00:\d{2}/);
    expect(shown).not.toMatch(/24시|24:\d{2}/);
    await context.close();
  });
});
