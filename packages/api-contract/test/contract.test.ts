import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as contract from '../src/index.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const modules = readdirSync(SRC).filter((f) => f.endsWith('.ts'));

describe('@mfv/api-contract', () => {
  it('imports zod and its own modules only (browser- and Next-safe: no server-only module)', () => {
    for (const file of modules) {
      const source = readFileSync(`${SRC}/${file}`, 'utf8');
      const specifiers = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const specifier of specifiers) expect(specifier, file).toMatch(/^(zod|\.\/[a-z-]+\.js)$/);
    }
  });

  it('re-exports every resource module from the index', () => {
    const index = readFileSync(`${SRC}/index.ts`, 'utf8');
    for (const file of modules.filter((f) => f !== 'index.ts'))
      expect(index, file).toContain(`'./${file.replace(/\.ts$/, '.js')}'`);
  });

  it('gives every error code a 4xx or 5xx status, and the code schema accepts exactly those codes', () => {
    const codes = Object.keys(contract.ERROR_STATUS);
    for (const [code, status] of Object.entries(contract.ERROR_STATUS))
      expect(status >= 400 && status < 600, code).toBe(true);
    expect(contract.errorCodeSchema.options).toEqual(codes);
  });

  it('counts nickname length in code points and refuses control characters', () => {
    expect(contract.nicknameSchema.safeParse('가'.repeat(contract.NICKNAME_MAX_LENGTH)).success).toBe(true);
    expect(contract.nicknameSchema.safeParse('가'.repeat(contract.NICKNAME_MAX_LENGTH + 1)).success).toBe(
      false,
    );
    expect(contract.nicknameSchema.safeParse('a\u0007b').success).toBe(false);
  });

  it('answers a signup with the same signed-in shape as a login', () => {
    expect(contract.createUserResponseSchema).toBe(contract.signedInResponseSchema);
    expect(contract.jwkSchema.shape.alg.value).toBe(contract.ACCESS_TOKEN_ALG);
  });
});
