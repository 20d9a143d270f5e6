/**
 * docs/sandbox.md "Independence from the platform's clients": the emulators implement the
 * providers' side of the wire on their own, so a client bug cannot be mirrored by the sandbox. The
 * only thing the sandbox's source may take from the client packages is *data that a test checks
 * against the provider's document*. This guard reads every module specifier of apps/sandbox/src
 * (static imports, re-exports, dynamic `import()`, `require`) with the TypeScript parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SANDBOX_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(SANDBOX_ROOT, 'src');
const REPO_ROOT = join(SANDBOX_ROOT, '..', '..');

/**
 * Client-package modules the sandbox may import: each is plain data, and names the test that
 * checks it against the provider's document (and the document section it is checked against).
 */
const ALLOWED_DATA: Record<string, { checkedBy: string; against: string }> = {
  '@mfv/verification/mobile-ok/result-codes.json': {
    checkedBy: 'packages/verification/test/mok-catalogue.test.ts',
    against: 'mok-guide-section8.txt',
  },
};

/** Packages holding the platform's provider clients (their protocol, crypto and parsing). */
const CLIENT_PACKAGES = ['@mfv/verification', '@mfv/mtls'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:m|c)?tsx?$/.test(entry.name) ? [path] : [];
  });
}

function specifiers(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

const isClientModule = (specifier: string) =>
  CLIENT_PACKAGES.some((pkg) => specifier === pkg || specifier.startsWith(`${pkg}/`));

/** Relative imports that climb out of apps/sandbox into another package's source. */
function leavesSandbox(file: string, specifier: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = join(file, '..', specifier);
  return relative(SANDBOX_ROOT, target).startsWith('..');
}

describe('the sandbox is independent of the platform’s clients', () => {
  const files = sourceFiles(SRC);

  it('reads the module specifiers of every source file (the parser sees imports, re-exports and import())', () => {
    expect(files.length).toBeGreaterThan(40);
    const all = files.flatMap(specifiers);
    expect(all).toContain('node:crypto');
    expect(all).toContain('fastify');
    // The parser also reports dynamic imports and re-exports, so a guard built on it cannot be
    // dodged by writing `await import(…)` or `export … from`.
    const sample = ts.preProcessFile(
      "export { a } from '@mfv/verification/kcb'; const m = await import('@mfv/verification/mobile-ok');",
      true,
      true,
    );
    expect(sample.importedFiles.map((f) => f.fileName)).toEqual([
      '@mfv/verification/kcb',
      '@mfv/verification/mobile-ok',
    ]);
  });

  it('imports nothing from a client package except the data checked against the provider’s document', () => {
    const offending = files.flatMap((file) =>
      specifiers(file)
        .filter((s) => (isClientModule(s) && !(s in ALLOWED_DATA)) || leavesSandbox(file, s))
        .map((s) => `${relative(SANDBOX_ROOT, file)}: ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it('every allowed data module is JSON (no code) and is checked by a test against the document', () => {
    for (const [specifier, { checkedBy, against }] of Object.entries(ALLOWED_DATA)) {
      expect(specifier.endsWith('.json')).toBe(true);
      const test = readFileSync(join(REPO_ROOT, checkedBy), 'utf8');
      expect(test).toContain(against);
    }
  });
});
