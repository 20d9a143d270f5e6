import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GeneratorError, newRemote, pascalCase } from '../src/new-remote.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let root: string;

/** A scratch copy of exactly the files the generator reads and edits. */
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'mfv-gen-'));
  for (const rel of [
    'tools/generators/remote-template',
    'packages/topology/src',
    'apps/shell/src/federation/modules.ts',
    'apps/shell/src/remotes.d.ts',
    'apps/shell/package.json',
  ]) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    cpSync(path.join(REPO, rel), path.join(root, rel), { recursive: true });
  }
  mkdirSync(path.join(root, 'apps'), { recursive: true });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('new remote generator', () => {
  it('creates the app from the template and wires it into topology and shell', async () => {
    const { moduleId } = newRemote({ root, name: 'schedule', port: 3004, expose: 'Calendar' });
    expect(moduleId).toBe('schedule/Calendar');

    const app = path.join(root, 'apps/schedule');
    expect(existsSync(path.join(app, 'src/exposes/Calendar.tsx'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')).name).toBe('@mfv/schedule');
    expect(readFileSync(path.join(app, 'next.config.mjs'), 'utf8')).toContain("nextConfigFor('schedule'");
    expect(readFileSync(path.join(app, 'src/pages/_document.tsx'), 'utf8')).toContain(
      'APPS.schedule.basePath',
    );
    const exposed = readFileSync(path.join(app, 'src/exposes/Calendar.tsx'), 'utf8');
    expect(exposed).toContain('export default function Calendar()');
    expect(exposed).not.toMatch(/__[A-Z]+__/);

    // The edited topology is valid TypeScript that the rest of the site derives from.
    const topology = await import(path.join(root, 'packages/topology/src/index.ts'));
    expect(topology.REMOTES).toContain('schedule');
    expect(topology.APPS.schedule).toMatchObject({ port: 3004, basePath: '/schedule' });
    expect(topology.decideRoute('/schedule/api/x')).toEqual({ kind: 'upstream', app: 'schedule' });
    expect(topology.decideRoute('/schedule/_next/static/ssr/remoteEntry.js')).toEqual({ kind: 'blocked' });
    expect(topology.federatedModuleIds()).toContain('schedule/Calendar');

    expect(readFileSync(path.join(root, 'apps/shell/src/federation/modules.ts'), 'utf8')).toContain(
      "'schedule/Calendar': () => import('schedule/Calendar'),",
    );
    expect(readFileSync(path.join(root, 'apps/shell/src/remotes.d.ts'), 'utf8')).toContain(
      "declare module 'schedule/Calendar' {\n  export { default } from '@mfv/schedule/exposes/Calendar';",
    );
    expect(
      JSON.parse(readFileSync(path.join(root, 'apps/shell/package.json'), 'utf8')).devDependencies[
        '@mfv/schedule'
      ],
    ).toBe('workspace:*');
  });

  it.each([
    [{ name: 'Schedule', port: 3004 }, /lowercase/],
    [{ name: 'shell', port: 3004 }, /reserved/],
    [{ name: 'user', port: 3004 }, /already exists|already in the topology/],
    [{ name: 'schedule', port: 3001 }, /port 3001 is already taken/],
    [{ name: 'schedule', port: 80 }, /port must be/],
    [{ name: 'schedule', port: 3004, expose: 'calendar' }, /PascalCase/],
  ])('refuses %o', (options, message) => {
    if (options.name === 'user') mkdirSync(path.join(root, 'apps/user'));
    expect(() => newRemote({ root, ...options })).toThrow(GeneratorError);
    expect(() => newRemote({ root, ...options })).toThrow(message);
  });

  it('names components in PascalCase', () => {
    expect(pascalCase('my-remote')).toBe('MyRemote');
  });
});
