import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, fields, loadConfig } from '../src/load.js';
import { shellEnvSchema } from '../src/shell.js';

const schema = z.object({
  PORT: fields.port(3000),
  SECRET: z.string().min(16),
  ENABLED: fields.boolean(false),
  TIMEOUT_MS: fields.durationMs(500),
});

describe('loadConfig', () => {
  it('applies defaults and coerces values', () => {
    expect(loadConfig('demo', schema, { SECRET: 'x'.repeat(16), PORT: '8081', ENABLED: '1' })).toEqual({
      PORT: 8081,
      SECRET: 'x'.repeat(16),
      ENABLED: true,
      TIMEOUT_MS: 500,
    });
  });

  it('treats empty strings as unset (FOO= in a .env file falls back to the default)', () => {
    expect(loadConfig('demo', schema, { SECRET: 'x'.repeat(16), PORT: '' }).PORT).toBe(3000);
  });

  it('names every bad variable at once, and never echoes a value', () => {
    let error: unknown;
    try {
      loadConfig('demo', schema, { SECRET: 'short-secret', PORT: '99999', ENABLED: 'yes', TIMEOUT_MS: '-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.problems.map((p) => p.variable).sort()).toEqual([
      'ENABLED',
      'PORT',
      'SECRET',
      'TIMEOUT_MS',
    ]);
    expect(configError.message).toMatch(/^demo: invalid configuration/);
    expect(configError.message).not.toContain('short-secret');
    expect(configError.message).not.toContain('99999');
  });

  it('reports a missing required variable by name', () => {
    expect(() => loadConfig('demo', schema, {})).toThrow(/SECRET/);
  });
});

describe('shell schema', () => {
  it('serves the benchmark baseline only when asked', () => {
    expect(loadConfig('shell', shellEnvSchema, {}).MFV_BENCH_BASELINE).toBe(false);
    expect(loadConfig('shell', shellEnvSchema, { MFV_BENCH_BASELINE: 'true' }).MFV_BENCH_BASELINE).toBe(true);
    expect(() => loadConfig('shell', shellEnvSchema, { MFV_BENCH_BASELINE: 'maybe' })).toThrow(
      /MFV_BENCH_BASELINE/,
    );
  });
});
