import { describe, expect, it } from 'vitest';
import { repoFiles } from '../src/repo.js';
import { testLayoutViolations } from '../src/test-layout.js';

describe('one test layout', () => {
  it('every test in the workspace follows it', () => {
    const files = repoFiles();
    expect(files.filter((f) => f.endsWith('.test.ts')).length).toBeGreaterThan(100);
    expect(testLayoutViolations(files)).toEqual([]);
  });

  it('refuses a tests/ folder, a spec file and a test outside src/ and test/', () => {
    expect(
      testLayoutViolations([
        'apps/api/tests/health.test.ts',
        'packages/auth/src/cookies.spec.ts',
        'tools/site/scripts/run.test.ts',
        'packages/auth/src/cookies.test.ts',
        'packages/auth/test/refresh.test.ts',
        'tests/e2e/auth.e2e.test.ts',
      ]).map((v) => v.file),
    ).toEqual([
      'apps/api/tests/health.test.ts',
      'packages/auth/src/cookies.spec.ts',
      'tools/site/scripts/run.test.ts',
    ]);
  });
});
