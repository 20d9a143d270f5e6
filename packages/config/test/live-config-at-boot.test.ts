/**
 * checkLiveConfig: the boot check of the apps that talk to providers. In live mode every schema is
 * read at once and ONE error names every variable (verify has two schemas, which used to fail one
 * at a time, each on its first provider call); in sandbox mode nothing is read.
 */
import { describe, expect, it } from 'vitest';
import { checkLiveConfig } from '../src/boot.js';
import { ConfigError } from '../src/load.js';
import { userEnvSchema } from '../src/user.js';
import { verificationEnvSchema } from '../src/verification.js';
import { verifyEnvSchema } from '../src/verify.js';

function refusal(run: () => void): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('checkLiveConfig', () => {
  it('verify in live mode with the sandbox defaults: one error naming the variables of both schemas', () => {
    const error = refusal(() =>
      checkLiveConfig('verify', [verifyEnvSchema, verificationEnvSchema], { NODE_ENV: 'production' }),
    );
    expect(error.app).toBe('verify');
    const variables = error.problems.map((p) => p.variable);
    // verifyEnvSchema's …
    for (const name of ['MOK_ENVIRONMENT', 'MOK_SITE_URL', 'MOK_ARS_CODE', 'MOK_CLIENT_TX_PREFIX'])
      expect(variables).toContain(name);
    // … and verificationEnvSchema's, in the same error.
    for (const name of [
      'KCB_API_BASE_URL',
      'KCB_POPUP_URL',
      'KCB_MEMBER_CODE',
      'KCB_CLIENT_ID',
      'KCB_SITE_URL',
      'KCB_RETURN_URL',
      'SSAFY_ISSUER',
      'SSAFY_CLIENT_ID',
      'SSAFY_REDIRECT_URI',
    ])
      expect(variables).toContain(name);
    // Each variable once, however many schemas refuse it.
    expect(new Set(error.problems.map((p) => `${p.variable} ${p.message}`)).size).toBe(error.problems.length);
    expect(error.message.split('\n')[0]).toBe('verify: invalid configuration');
  });

  it('user in live mode with the sandbox defaults names Kakao and Toss', () => {
    const variables = refusal(() =>
      checkLiveConfig('user', [userEnvSchema], { NODE_ENV: 'production' }),
    ).problems.map((p) => p.variable);
    for (const name of ['KAKAO_CLIENT_ID', 'KAKAO_TOKEN_BASE_URL', 'KAKAO_API_BASE_URL', 'TOSS_API_BASE_URL'])
      expect(variables).toContain(name);
  });

  it('sandbox mode reads nothing: no error, whatever the values', () => {
    for (const env of [
      {},
      { NODE_ENV: 'production', MFV_PROVIDERS: 'sandbox' },
      { MOK_SITE_URL: 'www example' },
    ])
      expect(() => checkLiveConfig('verify', [verifyEnvSchema, verificationEnvSchema], env)).not.toThrow();
  });

  it('MFV_PROVIDERS=live without NODE_ENV=production is live too; an unknown mode is checked (and named)', () => {
    expect(() => checkLiveConfig('verify', [verifyEnvSchema], { MFV_PROVIDERS: 'live' })).toThrow(
      ConfigError,
    );
    const variables = refusal(() =>
      checkLiveConfig('verify', [verifyEnvSchema], { MFV_PROVIDERS: 'staging' }),
    ).problems.map((p) => p.variable);
    expect(variables).toContain('MFV_PROVIDERS');
  });
});
