import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BENCH_ONLY_MODULES, BENCH_STUB_LOADER, benchStubFor, benchStubRules } from '../src/bench-only.js';
import { nextConfigFor } from '../src/next-config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const at = (rel: string) => path.join(ROOT, rel);

class FakeFederationPlugin {
  constructor(readonly options: Record<string, unknown>) {}
}

describe('bench-only pages', () => {
  it('covers every bench route and the baseline page of this repository, and nothing else', () => {
    const bench = [
      'apps/notice/src/pages/api/bench/[kind].ts',
      'apps/verify/src/pages/api/bench/cpu.ts',
      'apps/shell/src/pages/baseline.tsx',
    ];
    for (const file of bench) {
      expect(existsSync(at(file)), file).toBe(true);
      expect(benchStubFor(at(file)), file).toBeDefined();
    }
    for (const file of [
      // The test-only pages (MFV_TEST_FAULTS) stay: the browser suite runs against standalone builds.
      ...['shell', 'verify', 'user', 'notice'].map((app) => `apps/${app}/src/pages/test-fault.tsx`),
      'apps/notice/src/pages/api/notices/index.ts',
      'apps/shell/src/pages/index.tsx',
      'apps/verify/src/pages/api/healthz.ts',
    ])
      expect(benchStubFor(at(file)), file).toBeUndefined();
    for (const [, stub] of BENCH_ONLY_MODULES) expect(existsSync(stub), stub).toBe(true);
  });

  it('a standalone build (the images) compiles the stubs in their place; the build `next start` serves keeps them', () => {
    const rulesOf = (env: Record<string, string>, phase = 'phase-production-build') => {
      const appDir = mkdtempSync(path.join(tmpdir(), 'mfv-next-config-'));
      try {
        const config = nextConfigFor('shell', { appDir, NextFederationPlugin: FakeFederationPlugin, env })(
          phase,
        );
        return config.webpack({ plugins: [], module: { rules: ['next-rule'] } }, { isServer: true }).module
          ?.rules;
      } finally {
        rmSync(appDir, { recursive: true, force: true });
      }
    };
    expect(rulesOf({ MFV_NEXT_OUTPUT: 'standalone' })).toEqual(['next-rule', ...benchStubRules()]);
    expect(rulesOf({})).toEqual(['next-rule']);
    expect(rulesOf({ MFV_NEXT_OUTPUT: 'standalone' }, 'phase-development-server')).toEqual(['next-rule']);
  });

  it('the pre-loader hands on the stub source and watches the stub', () => {
    const require = createRequire(import.meta.url);
    const loader = require(BENCH_STUB_LOADER) as (this: unknown) => string;
    const [rule] = benchStubRules();
    const stub = rule!.use[0]!.options.stub;
    const dependencies: string[] = [];
    const source = loader.call({
      getOptions: () => ({ stub }),
      addDependency: (f: string) => dependencies.push(f),
    });
    expect(source).toBe(readFileSync(stub, 'utf8'));
    expect(dependencies).toEqual([stub]);
  });

  it('the API stub answers 404 with the JSON error body; the page stub is not found', async () => {
    const api = (await import(
      pathToFileURL(benchStubFor(at('apps/verify/src/pages/api/bench/cpu.ts'))!).href
    )) as {
      default: http.RequestListener;
      config: unknown;
    };
    expect(api.config).toEqual({ api: { bodyParser: false } });
    const server = http.createServer(api.default);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/verify/api/bench/cpu`,
      );
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: 'NOT_FOUND', message: 'Not found.' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const page = (await import(
      pathToFileURL(benchStubFor(at('apps/shell/src/pages/baseline.tsx'))!).href
    )) as {
      getServerSideProps: () => Promise<unknown>;
    };
    expect(await page.getServerSideProps()).toEqual({ notFound: true });
  });
});
