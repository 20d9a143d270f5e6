import { describe, expect, it } from 'vitest';
import { RETRY_BASE_MS, RETRY_MAX_MS, retryDelay } from '../../src/federation/RemoteSlot';

describe('client retry schedule', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([0, 1, 2, 3].map(retryDelay)).toEqual([
      RETRY_BASE_MS,
      2 * RETRY_BASE_MS,
      4 * RETRY_BASE_MS,
      8 * RETRY_BASE_MS,
    ]);
    expect(retryDelay(20)).toBe(RETRY_MAX_MS);
  });
});
