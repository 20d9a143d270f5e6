import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@mfv/site';
import {
  dependencyViolations,
  readWorkspace,
  testkitImportViolations,
  type WorkspacePackage,
} from '../src/package-boundaries.js';

function pkg(dir: string, name: string, fields: Partial<WorkspacePackage> = {}): WorkspacePackage {
  return {
    name,
    dir,
    dependencies: [],
    devDependencies: [],
    peerDependencies: [],
    optionalDependencies: [],
    exports: {},
    ...fields,
  };
}

describe('package boundaries of this repository', () => {
  const workspace = readWorkspace(REPO_ROOT);

  it('reads every workspace package', () => {
    const dirs = workspace.map((p) => p.dir);
    expect(dirs).toEqual(
      expect.arrayContaining(['apps/api', 'packages/auth', 'packages/api-contract', 'tooling/testkit']),
    );
  });

  it('has no library under packages/ depending on an app, and no test helpers built into a library', () => {
    expect(dependencyViolations(workspace)).toEqual([]);
    expect(testkitImportViolations(REPO_ROOT, workspace)).toEqual([]);
  });
});

describe('dependencyViolations', () => {
  const api = pkg('apps/api', '@mfv/api');

  it('refuses a library listing an app, in any dependency field', () => {
    for (const field of [
      'dependencies',
      'devDependencies',
      'peerDependencies',
      'optionalDependencies',
    ] as const) {
      const auth = pkg('packages/auth', '@mfv/auth', { [field]: ['@mfv/api'] });
      expect(dependencyViolations([api, auth])).toEqual([
        `packages/auth lists the app @mfv/api (apps/api) in ${field}`,
      ]);
    }
  });

  it('refuses a library reaching an app at run time through another package', () => {
    const bridge = pkg('tooling/bridge', '@mfv/bridge', { dependencies: ['@mfv/api'] });
    const lib = pkg('packages/lib', '@mfv/lib', { dependencies: ['@mfv/bridge'] });
    expect(dependencyViolations([api, bridge, lib])).toEqual([
      'packages/lib reaches the app @mfv/api at run time through @mfv/bridge → @mfv/api',
    ]);
    // The same bridge for tests only (devDependencies) is allowed: nothing of it ships.
    const testOnly = pkg('packages/lib', '@mfv/lib', { devDependencies: ['@mfv/bridge'] });
    expect(dependencyViolations([api, bridge, testOnly])).toEqual([]);
  });

  it('allows apps and tooling to depend on apps', () => {
    const user = pkg('apps/user', '@mfv/user', { dependencies: ['@mfv/api'] });
    const kit = pkg('tooling/testkit-api', '@mfv/testkit-api', { dependencies: ['@mfv/api'] });
    expect(dependencyViolations([api, user, kit])).toEqual([]);
  });

  it('refuses a testing export served from dist or src, and allows one from test/', () => {
    for (const target of [
      { types: './src/testing/index.ts', default: './dist/testing/index.js' },
      { types: './src/testing/index.ts', default: './src/testing/index.ts' },
      './src/testing.ts',
    ]) {
      const redis = pkg('packages/redis', '@mfv/redis', { exports: { './testing': target } });
      expect(dependencyViolations([redis])).toEqual([
        'packages/redis exports its test helpers ./testing from outside test/',
      ]);
    }
    const redis = pkg('packages/redis', '@mfv/redis', {
      exports: { './testing': { types: './test/support/index.ts', default: './test/support/index.ts' } },
    });
    expect(dependencyViolations([redis])).toEqual([]);
  });
});
