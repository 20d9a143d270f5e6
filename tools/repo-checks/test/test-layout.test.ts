import { describe, expect, it } from 'vitest';
import { repoFiles } from '../src/repo.js';
import { testLayoutViolations } from '../src/test-layout.js';

describe('one test layout', () => {
  it('every test in the workspace follows it', () => {
    const files = repoFiles();
    expect(files.filter((f) => f.endsWith('.test.ts')).length).toBeGreaterThan(100);
    expect(testLayoutViolations(files)).toEqual([]);
  });

  it('refuses a test in src/, a tests/ folder, a spec file and a test outside test/', () => {
    expect(
      testLayoutViolations([
        'apps/api/tests/health.test.ts',
        'packages/auth/src/cookies.spec.ts',
        'tools/site/scripts/run.test.ts',
        'packages/auth/src/cookies.test.ts',
        'apps/user/src/components/Card.test.tsx',
        'apps/verify/src/test/helpers.test.ts',
        'packages/auth/test/refresh.test.ts',
        'apps/verify/test/providers/kcb/rules.test.ts',
        'apps/user/test/components/Card.test.tsx',
        'tests/e2e/auth.e2e.test.ts',
      ]),
    ).toEqual([
      { file: 'apps/api/tests/health.test.ts', reason: 'a package keeps its tests in test/, not tests/' },
      { file: 'packages/auth/src/cookies.spec.ts', reason: 'tests are named *.test.ts(x), not *.spec.*' },
      { file: 'tools/site/scripts/run.test.ts', reason: "a test sits in its package's test/ folder" },
      {
        file: 'packages/auth/src/cookies.test.ts',
        reason: "a test sits in its package's test/ folder, never in src/",
      },
      {
        file: 'apps/user/src/components/Card.test.tsx',
        reason: "a test sits in its package's test/ folder, never in src/",
      },
      {
        file: 'apps/verify/src/test/helpers.test.ts',
        reason: "a test sits in its package's test/ folder, never in src/",
      },
    ]);
  });
});
