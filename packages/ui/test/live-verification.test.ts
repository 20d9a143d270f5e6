import { describe, expect, it } from 'vitest';
import {
  announceVerificationChanged,
  isVerificationStatusView,
  VERIFICATION_CHANNEL,
  watchVerificationChanges,
} from '../src/live-verification.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('live verification status', () => {
  // Node has BroadcastChannel as browsers do (one process: one "origin").
  it('an announcement reaches listeners on the same page, once each, until they stop', async () => {
    let heard = 0;
    const stop = watchVerificationChanges(() => (heard += 1));
    announceVerificationChanged();
    await settle();
    expect(heard).toBe(1);
    stop();
    announceVerificationChanged();
    await settle();
    expect(heard).toBe(1);
  });

  it('an announcement from another tab arrives through the channel, and carries nothing about anyone', async () => {
    let heard = 0;
    const stop = watchVerificationChanges(() => (heard += 1));
    const otherTab = new BroadcastChannel(VERIFICATION_CHANNEL);
    const seen: unknown[] = [];
    const observer = new BroadcastChannel(VERIFICATION_CHANNEL);
    observer.onmessage = (event) => seen.push(event.data);
    otherTab.postMessage({ type: 'changed' });
    await settle();
    expect(heard).toBe(1);
    announceVerificationChanged();
    await settle();
    expect(seen).toEqual([{ type: 'changed' }, { type: 'changed' }]);
    stop();
    otherTab.close();
    observer.close();
  });

  it('uses a status answer only in the shape the pages show', () => {
    expect(isVerificationStatusView({ verified: false })).toBe(true);
    expect(
      isVerificationStatusView({
        verified: true,
        kind: 'phone-identity',
        maskedName: '이*연',
        verifiedAt: '2026-12-03T01:00:00Z',
      }),
    ).toBe(true);
    expect(
      isVerificationStatusView({ verified: true, kind: 'ssafy', verifiedAt: '2026-12-03T01:00:00Z' }),
    ).toBe(true);
    for (const bad of [
      null,
      'verified',
      { verified: true },
      { verified: true, kind: 'kcb', verifiedAt: '2026-12-03T01:00:00Z' },
      { verified: true, kind: 'ssafy', verifiedAt: 1 },
      { verified: true, kind: 'ssafy', verifiedAt: '2026-12-03T01:00:00Z', maskedName: 3 },
    ])
      expect(isVerificationStatusView(bad), JSON.stringify(bad)).toBe(false);
  });
});
