import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envCatalog } from '@mfv/config/catalog';
import {
  BUILD_DOCS,
  COMPOSE_ONLY_DOCS,
  composeVariables,
  ENV_EXAMPLE,
  envFileVariables,
  renderEnvExample,
  UndocumentedVariablesError,
} from '../src/env-example.js';

const text = readFileSync(ENV_EXAMPLE, 'utf8');
const { active, documented } = envFileVariables(text);

describe('.env.example against the zod schemas and the compose files', () => {
  it('documents every variable of every schema', () => {
    const missing = envCatalog()
      .map((v) => v.name)
      .filter((name) => !documented.has(name));
    expect(missing, 'run `pnpm env:example`').toEqual([]);
  });

  it('names no variable that neither a schema, compose nor the image build reads', () => {
    const known = new Set([
      ...envCatalog().map((v) => v.name),
      ...Object.keys(COMPOSE_ONLY_DOCS),
      ...Object.keys(BUILD_DOCS),
    ]);
    expect([...documented].filter((name) => !known.has(name))).toEqual([]);
  });

  it('sets exactly the variables docker compose substitutes, to compose’s own defaults', () => {
    const compose = composeVariables();
    expect([...active].sort()).toEqual(compose.map((v) => v.name).sort());
    for (const v of compose) expect(text).toContain(`\n${v.name}=${v.default}\n`);
  });

  it('sets no secret: secrets are files under ./secrets/', () => {
    const secretLike =
      /SECRET|INTERNAL_TOKEN|AUTH_TOKEN|PASSWORD|PRIVATE|_KEY$|_AAD$|BASIC_AUTH|^MTLS_(CERT|KEY|CA)$/;
    expect([...active].filter((name) => secretLike.test(name) && !name.endsWith('_FILE'))).toEqual([]);
  });

  it('is exactly what the generator writes (edit the schemas or env-docs.ts, then `pnpm env:example`)', () => {
    expect(text).toBe(renderEnvExample());
  });

  it('the generator refuses an undocumented schema variable or compose variable, naming it', () => {
    const catalog = envCatalog();
    expect(() =>
      renderEnvExample(
        [...catalog, { name: 'NEW_THING', schemas: ['api'], optional: true }],
        composeVariables(),
      ),
    ).toThrow(
      new UndocumentedVariablesError(
        'schema variables without a line in packages/config/src/env-docs.ts: NEW_THING',
      ),
    );
    expect(() =>
      renderEnvExample(catalog, [...composeVariables(), { name: 'TYPO_VAR', default: '', files: ['x'] }]),
    ).toThrow(/compose substitutes variables no schema reads.*TYPO_VAR/);
  });
});
