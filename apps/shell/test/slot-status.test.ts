import { describe, expect, it } from 'vitest';
import { slotStatus, type RemoteStatusMap } from '../src/federation/modules';

/**
 * The page props carry one entry per remote (they are serialised into every page); each slot reads
 * its own status from it. The browser must load exactly the release the server rendered, so the
 * decoding must give back the release, `null` for an unversioned remote, and the fallback states.
 */
describe('slot status from the page props', () => {
  const map: RemoteStatusMap = {
    notice: 'Ab12_-release',
    user: null,
    verify: { state: 'refused' },
  };

  it('gives every module of a remote the release the server rendered', () => {
    expect(slotStatus(map, 'notice/NoticeList')).toEqual({ state: 'ok', release: 'Ab12_-release' });
    expect(slotStatus(map, 'notice/NoticeBell')).toEqual({ state: 'ok', release: 'Ab12_-release' });
  });

  it('keeps an unversioned remote (next dev) apart from a missing one', () => {
    expect(slotStatus(map, 'user/UserMenu')).toEqual({ state: 'ok', release: null });
    expect(slotStatus({}, 'user/UserMenu')).toBeUndefined();
  });

  it('passes the fallback states on', () => {
    expect(slotStatus(map, 'verify/VerifyLauncher')).toEqual({ state: 'refused' });
    expect(slotStatus({ notice: { state: 'down' } }, 'notice/NoticeList')).toEqual({ state: 'down' });
  });
});
