/**
 * The test layout (docs/architecture.md, "Conventions in the code"): a test file is named
 * `*.test.ts` / `*.test.tsx` and sits in its package's `test/` folder — unit tests mirror `src/`'s
 * folders, integration tests start real servers, helpers live in `test/support/`. The browser
 * suites are the workspace package `tests/e2e`. `src/` holds what the package builds and nothing
 * else: no test, no package keeps a `tests/` folder of its own, and no test hides under another name.
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
    if (parts.includes('src')) {
      violations.push({ file, reason: "a test sits in its package's test/ folder, never in src/" });
    } else if (!parts.includes('test')) {
      violations.push({ file, reason: "a test sits in its package's test/ folder" });
    }
  }
  return violations;
}
