import { describe, expect, it } from 'vitest';
import { TtlStore } from '../src/store.js';
import { EXISTING_MEMBER } from '../src/personas.js';
import { authorizeAs, loginAs, startSandbox, testClock } from './helpers.js';

describe('in-memory state with TTLs', () => {
  it('an entry is gone exactly at its expiry, whether or not a sweep ran', () => {
    const clock = testClock();
    const store = new TtlStore<string>(clock);
    store.set('a', 'value', 1000);
    clock.advance(999);
    expect(store.get('a')).toBe('value');
    expect(store.remainingMs('a')).toBe(1);
    clock.advance(1);
    expect(store.get('a')).toBeUndefined();
    expect(store.remainingMs('a')).toBeUndefined();
  });

  it('sweep() frees expired entries and keeps live ones', () => {
    const clock = testClock();
    const store = new TtlStore<number>(clock);
    store.set('short', 1, 100);
    store.set('long', 2, 10_000);
    clock.advance(100);
    expect(store.size).toBe(2);
    expect(store.sweep()).toBe(1);
    expect(store.size).toBe(1);
    expect([...store.entries()]).toEqual([['long', 2]]);
  });

  it('the app frees expired codes and tokens on sweep', async () => {
    const clock = testClock();
    const { url, app } = await startSandbox({ clock });
    await loginAs(url, EXISTING_MEMBER.id);
    await authorizeAs(url, EXISTING_MEMBER.id);
    const { state } = app.sandbox.kakao;
    expect(state.codes.size).toBe(1);
    expect(state.accessTokens.size).toBe(1);
    expect(state.refreshTokens.size).toBe(1);
    clock.advance(61 * 24 * 60 * 60 * 1000);
    expect(app.sandbox.sweep()).toBe(4); // the unused code, the spent-code record, both tokens
    expect(
      state.codes.size + state.spentCodes.size + state.accessTokens.size + state.refreshTokens.size,
    ).toBe(0);
  });

  it('the sweeper runs on its own timer', async () => {
    const clock = testClock();
    const { url, app } = await startSandbox({ clock, sweepIntervalMs: 20 });
    await authorizeAs(url, EXISTING_MEMBER.id);
    expect(app.sandbox.kakao.state.codes.size).toBe(1);
    clock.advance(10 * 60 * 1000);
    await expect.poll(() => app.sandbox.kakao.state.codes.size, { timeout: 2000 }).toBe(0);
  });
});
