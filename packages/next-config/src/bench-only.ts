/**
 * Bench-only pages: the API routes under `pages/api/bench/` (`pnpm bench:auth`, `pnpm bench:mok`)
 * and the shell's `/baseline` (`pnpm bench:ssr`, which imports the remotes' source). The ordinary
 * build `next start` serves — what the benchmarks run — keeps them, still behind MFV_BENCH_ROUTES /
 * MFV_BENCH_BASELINE. A standalone build (MFV_NEXT_OUTPUT=standalone: the images) compiles a stub
 * in their place that answers 404, so neither their code nor what they import ships in production.
 * Each app's `/test-fault` (MFV_TEST_FAULTS) is not stubbed: the browser suite runs against
 * standalone builds (CI builds them once for the tests and the images), and the page is inert
 * without its switch, which a live deployment refuses at start (@mfv/config test-faults.ts). The stub's source goes through
 * a pre-loader (bench-stubs/loader.cjs): the module keeps the page's path, so Next still treats it
 * as a page.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Stubs live outside src/ so the same path works from src (tests) and dist (next.config). Not
 * `new URL(…, import.meta.url)`: webpack would take that for an asset of every bundle that
 * imports this package and compile the stubs there.
 */
const STUBS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench-stubs');
const stub = (name: string) => path.join(STUBS_DIR, `${name}.js`);

/** [module path pattern, stub compiled instead]: matched against resolved absolute paths. */
export const BENCH_ONLY_MODULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\\/]src[\\/]pages[\\/]api[\\/]bench[\\/][^\\/]+\.ts$/, stub('api')],
  [/[\\/]src[\\/]pages[\\/]baseline\.tsx$/, stub('page')],
];

/** The pre-loader that swaps a bench-only page's source for its stub's. */
export const BENCH_STUB_LOADER = path.join(STUBS_DIR, 'loader.cjs');

/** The webpack rules a standalone build adds: one pre-loader rule per bench-only pattern. */
export function benchStubRules() {
  return BENCH_ONLY_MODULES.map(([test, stub]) => ({
    test,
    enforce: 'pre' as const,
    use: [{ loader: BENCH_STUB_LOADER, options: { stub } }],
  }));
}

/** The stub a standalone build compiles instead of `resource`, if `resource` is bench-only. */
export function benchStubFor(resource: string): string | undefined {
  return BENCH_ONLY_MODULES.find(([pattern]) => pattern.test(resource))?.[1];
}
