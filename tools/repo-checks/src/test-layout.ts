/**
 * The test layout (docs/architecture.md, "Conventions in the code"): a test file is named
 * `*.test.ts` / `*.test.tsx` and sits either beside the module it checks (`src/…`, a unit test)
 * or in its package's `test/` folder (an integration test: real servers, several modules, with
 * helpers in `test/support/`). The browser suites are the workspace package `tests/e2e`. No
 * package keeps a `tests/` folder of its own, and no test hides under another name.
 */
const TEST_FILE = /\.test\.tsx?$/;
const LEGACY_SPEC = /\.spec\.[cm]?[jt]sx?$/;

export interface LayoutViolation {
  file: string;
  reason: string;
}

export function testLayoutViolations(files: readonly string[]): LayoutViolation[] {
  const violations: LayoutViolation[] = [];
  for (const file of files) {
    if (file.startsWith('tests/e2e/')) continue;
    if (LEGACY_SPEC.test(file)) {
      violations.push({ file, reason: 'tests are named *.test.ts(x), not *.spec.*' });
      continue;
    }
    if (/(^|\/)tests\//.test(file)) {
      violations.push({ file, reason: 'a package keeps its tests in test/, not tests/' });
      continue;
    }
    if (!TEST_FILE.test(file)) continue;
    const parts = file.split('/').slice(0, -1);
    if (!parts.includes('src') && !parts.includes('test')) {
      violations.push({ file, reason: 'a test sits beside its module in src/ or in test/' });
    }
  }
  return violations;
}
