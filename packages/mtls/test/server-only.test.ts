/**
 * The server-only guards: the `browser` export condition resolves to nothing, the module
 * refuses to load where `window` exists, and the marker survives a minifying browser build
 * (so the bundle checker can find it).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertServerRuntime, MFV_MTLS_SERVER_ONLY_MARKER, MtlsBrowserContextError } from '../src/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, Record<string, string | null>>;
};

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
  vi.resetModules();
});

describe('server-only guards', () => {
  it('maps the browser export condition to null, before the default', () => {
    const conditions = packageJson.exports['.'] ?? {};
    expect(conditions.browser).toBeNull();
    const keys = Object.keys(conditions);
    expect(keys.indexOf('browser')).toBeLessThan(keys.indexOf('default'));
  });

  it('assertServerRuntime throws where window exists and passes on the server', () => {
    expect(() => assertServerRuntime({ window: {} })).toThrow(MtlsBrowserContextError);
    expect(() => assertServerRuntime({})).not.toThrow();
  });

  it('loading the module in a browser-like global throws', async () => {
    (globalThis as { window?: unknown }).window = {};
    await expect(import('../src/index.js')).rejects.toThrow(/server-only/);
  });

  it('a browser build that imports @mfv/mtls by name fails to resolve it', async () => {
    // packages/verification depends on @mfv/mtls, so the name resolves from there.
    const resolveDir = fileURLToPath(new URL('../../verification/', import.meta.url));
    const attempt = (platform: 'browser' | 'node', conditions: string[] = []) =>
      build({
        stdin: { contents: "import '@mfv/mtls';", resolveDir, loader: 'ts' },
        bundle: true,
        platform,
        conditions,
        write: false,
        logLevel: 'silent',
        external: ['undici', 'node:*'],
      }).then(
        () => 'built',
        (error: Error) => error.message,
      );
    expect(await attempt('browser')).toMatch(/@mfv\/mtls/);
    // Control: on the server side the same name resolves (to src via `types`, as dist may not be built).
    expect(await attempt('node', ['types'])).toBe('built');
  });

  it('registers the marker on globalThis at load', () => {
    expect((globalThis as Record<symbol, unknown>)[Symbol.for(MFV_MTLS_SERVER_ONLY_MARKER)]).toBe(true);
  });

  it('the marker survives a minified, tree-shaken browser bundle that imports the package', async () => {
    const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    const result = await build({
      stdin: {
        contents: `import '${entry.replaceAll('\\', '/')}';`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      treeShaking: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      external: ['undici', 'node:*'],
    });
    const text = result.outputFiles.map((f) => f.text).join('\n');
    expect(text).toContain(MFV_MTLS_SERVER_ONLY_MARKER);
  });
});
