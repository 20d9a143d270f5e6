import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ENV_DOCS,
  envCatalog,
  envSchemas,
  schemaShape,
  schemaVariables,
  variablesOf,
} from '../src/catalog.js';
import { apiEnvSchema, userEnvSchema } from '../src/index.js';

describe('the environment catalog', () => {
  it('finds every exported schema, including refined and transformed ones', () => {
    const names = Object.keys(envSchemas());
    for (const name of ['api', 'auth', 'redis', 'sandbox', 'sentry', 'shell', 'user', 'verification']) {
      expect(names).toContain(name);
    }
    // userEnvSchema is object → superRefine → transform: the shape is found under the pipe.
    expect(schemaVariables(userEnvSchema)).toContain('KAKAO_CLIENT_ID');
    expect(schemaVariables(apiEnvSchema)).toEqual(expect.arrayContaining(['API_PORT', 'SENTRY_DSN']));
  });

  it('documents every variable a schema reads (add a line to env-docs.ts with each new variable)', () => {
    const undocumented = envCatalog()
      .filter((v) => !v.description)
      .map((v) => v.name);
    expect(undocumented).toEqual([]);
  });

  it('documents no variable that no schema reads', () => {
    const known = new Set(envCatalog().map((v) => v.name));
    expect(Object.keys(ENV_DOCS).filter((name) => !known.has(name))).toEqual([]);
  });

  it('reads defaults through pipes and transforms, and lists shared variables once', () => {
    const byName = new Map(envCatalog().map((v) => [v.name, v]));
    expect(byName.get('API_PORT')).toMatchObject({ default: '4000', optional: true, schemas: ['api'] });
    expect(byName.get('API_SHUTDOWN_TIMEOUT_MS')).toMatchObject({ default: '10000' });
    expect(byName.get('MFV_BENCH_BASELINE')).toMatchObject({ default: 'false' });
    expect(byName.get('DATABASE_URL')).toMatchObject({ optional: true });
    expect(byName.get('DATABASE_URL')?.default).toBeUndefined();
    expect(byName.get('API_INTERNAL_TOKEN_FILE')?.schemas).toEqual(expect.arrayContaining(['api', 'auth']));
    expect(envCatalog().filter((v) => v.name === 'NODE_ENV')).toHaveLength(1);
  });

  it('prefers a field’s own .describe() text and reports required fields', () => {
    const schema = z
      .object({
        API_PORT: z.string().describe('own text'),
        REQUIRED_ONE: z.string(),
        WITH_DEFAULT: z.coerce.number().default(3).pipe(z.number().max(5)),
      })
      .superRefine(() => {})
      .transform((v) => v);
    expect(Object.keys(schemaShape(schema))).toEqual(['API_PORT', 'REQUIRED_ONE', 'WITH_DEFAULT']);
    expect(variablesOf(schema)).toEqual([
      { name: 'API_PORT', schemas: [], optional: false, description: 'own text' },
      { name: 'REQUIRED_ONE', schemas: [], optional: false },
      { name: 'WITH_DEFAULT', schemas: [], optional: true, default: '3' },
    ]);
    expect(() => schemaShape(z.string())).toThrow(/not an object schema/);
  });
});
