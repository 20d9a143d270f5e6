import { describe, expect, it } from 'vitest';
import { isIgnored, loadDockerignore, parseDockerignore } from '../src/dockerignore.js';

describe('.dockerignore keeps secrets and local state out of every image', () => {
  const rules = loadDockerignore();

  it.each([
    'secrets/api_jwt_private_key.pem',
    'secrets/mok_keyInfo.dat',
    '.sandbox-dev/mok/mok_keyInfo.dat',
    '.sandbox-dev/toss-mtls/client.key',
    'apps/sandbox/.sandbox-dev/mok/sandbox-keys.json',
    '.site/secrets/auth_cookie_secret',
    '.site/api-pglite/base/1',
    'tests/e2e/.artifacts/auth/state/secrets/api_internal_token',
    'tools/platform/.artifacts/sigterm/secrets/api_jwt_private_key.pem',
    'apps/api/.data/jwt-signing-key.pem',
    '.env',
    '.env.local',
    'apps/user/.env.production',
    '.git/config',
    'node_modules/.pnpm/lock.yaml',
    'apps/shell/node_modules/next/package.json',
    'apps/shell/.next/BUILD_ID',
    'packages/auth/dist/index.js',
  ])('ignores %s', (file) => {
    expect(isIgnored(rules, file)).toBe(true);
  });

  it.each([
    '.env.example',
    'package.json',
    'pnpm-lock.yaml',
    'apps/api/src/secrets.ts',
    'apps/api/migrations/001_identity_and_sessions.sql',
    'deploy/start.sh',
    'packages/config/src/index.ts',
    // BUILD_FROM=prebuilt: what deploy/build-app.sh --built gathered, node_modules and .next included.
    'deploy/.prebuilt/shell/apps/shell/server.js',
    'deploy/.prebuilt/shell/apps/shell/.next/BUILD_ID',
    'deploy/.prebuilt/api/apps/api/node_modules/fastify/package.json',
  ])('keeps %s (the build needs it)', (file) => {
    expect(isIgnored(rules, file)).toBe(false);
  });

  it('applies Docker’s rules: ** spans directories, the last match wins, ! re-includes', () => {
    const r = parseDockerignore('**/dist\n*.md\n!README.md\nlogs/*.log\n');
    expect(isIgnored(r, 'a/b/dist/x.js')).toBe(true);
    expect(isIgnored(r, 'dist')).toBe(true);
    expect(isIgnored(r, 'NOTES.md')).toBe(true);
    expect(isIgnored(r, 'docs/NOTES.md')).toBe(false); // `*` stays in one segment, anchored at the root
    expect(isIgnored(r, 'README.md')).toBe(false);
    expect(isIgnored(r, 'logs/a.log')).toBe(true);
    expect(isIgnored(r, 'logs/sub/a.log')).toBe(false);
  });
});
