import { describe, expect, it } from 'vitest';
import { FAULT_HEADER, FaultSpecError, parseFault } from '../src/faults.js';
import { kcbPost, kcbToken, startBody, startKcb } from './kcb-helpers.js';

describe('parseFault: defect:<name> and drop', () => {
  it('reads them, alone or after a delay', () => {
    expect(parseFault('defect:wrong-iss', 1000)).toEqual({
      delayMs: 0,
      action: { kind: 'defect', name: 'wrong-iss' },
    });
    expect(parseFault('defect:missing-claim.auth_time', 1000)).toEqual({
      delayMs: 0,
      action: { kind: 'defect', name: 'missing-claim.auth_time' },
    });
    expect(parseFault('delay:10,drop', 1000)).toEqual({ delayMs: 10, action: { kind: 'drop' } });
  });

  it.each([
    ['defect:', 'expected delay'],
    ['defect:Upper', 'expected delay'],
    ['defect:has space', 'expected delay'],
    ['drop,hang', 'only one of'],
    ['defect:expired,tamper', 'only one of'],
  ])('rejects %j', (spec, message) => {
    expect(() => parseFault(spec, 1000)).toThrow(FaultSpecError);
    expect(() => parseFault(spec, 1000)).toThrow(message);
  });
});

describe('defect and drop on a route', () => {
  it("a defect the route does not declare is refused with 400 in the provider's shape", async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const res = await kcbPost(url, 'popup-start', token, startBody(), { [FAULT_HEADER]: 'defect:wrong-iss' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { rsp_cd: string }).rsp_cd).toBe('B100');
  });

  it('drop destroys the connection before any answer', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    await expect(
      kcbPost(url, 'popup-start', token, startBody(), { [FAULT_HEADER]: 'drop' }),
    ).rejects.toThrow();
  });
});
