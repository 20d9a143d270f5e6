import { describe, expect, it } from 'vitest';
import { checkLiveConfig } from '../src/boot.js';
import { ConfigError, loadConfig } from '../src/load.js';
import { testFaultsEnvSchema } from '../src/test-faults.js';

describe('MFV_TEST_FAULTS (the test-only /test-fault pages)', () => {
  it('is off unless set', () => {
    expect(loadConfig('shell', testFaultsEnvSchema, {}).MFV_TEST_FAULTS).toBe(false);
    expect(loadConfig('shell', testFaultsEnvSchema, { NODE_ENV: 'production' }).MFV_TEST_FAULTS).toBe(false);
  });

  it('may be set in development, in tests, and on a production build that talks to the sandbox', () => {
    for (const env of [
      { MFV_TEST_FAULTS: 'true' },
      { MFV_TEST_FAULTS: 'true', NODE_ENV: 'test' },
      { MFV_TEST_FAULTS: 'true', NODE_ENV: 'production', MFV_PROVIDERS: 'sandbox' },
    ]) {
      expect(loadConfig('shell', testFaultsEnvSchema, env).MFV_TEST_FAULTS).toBe(true);
    }
  });

  it('is refused in production (live providers, the default there), by the schema and at boot', () => {
    for (const env of [
      { MFV_TEST_FAULTS: 'true', NODE_ENV: 'production' },
      { MFV_TEST_FAULTS: 'true', NODE_ENV: 'production', MFV_PROVIDERS: 'live' },
      { MFV_TEST_FAULTS: 'true', MFV_PROVIDERS: 'live' },
    ]) {
      expect(() => loadConfig('notice', testFaultsEnvSchema, env)).toThrow(/MFV_TEST_FAULTS/);
      let thrown: unknown;
      try {
        checkLiveConfig('notice', [testFaultsEnvSchema], env);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as ConfigError).problems.map((p) => p.variable)).toEqual(['MFV_TEST_FAULTS']);
    }
  });
});
