import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/repo.js';

/**
 * Review finding: the workspace map in docs/architecture.md ("Workspace") is what a newcomer reads
 * to find a package, and it has gone stale: it puts tsconfig / eslint-config / prettier-config under
 * packages/ (they live in tooling/), has no tooling/ row at all, and omits packages/auth,
 * api-contract, mtls, ui, remote-versions and tools/repo-checks. Every workspace folder must be
 * named in the row of the folder it lives in, and nothing named there may be missing.
 */
const GROUPS = ['packages', 'tooling', 'tools'] as const;

function workspaceBlock(): string {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs/architecture.md'), 'utf8');
  const section = doc.split(/^## Workspace$/m)[1] ?? '';
  return section.split(/^```$/m)[1] ?? '';
}

/** The names listed after `group/` up to the next group's row (rows wrap onto indented lines). */
function rowOf(block: string, group: string): string {
  const lines = block.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${group}/`));
  if (start === -1) return '';
  const row = [lines[start]!.slice(group.length + 1)];
  for (const line of lines.slice(start + 1)) {
    if (!/^\s/.test(line)) break;
    row.push(line);
  }
  return row.join(' ');
}

const folders = (group: string) =>
  readdirSync(path.join(REPO_ROOT, group)).filter(
    (name) =>
      statSync(path.join(REPO_ROOT, group, name)).isDirectory() &&
      statSync(path.join(REPO_ROOT, group, name, 'package.json'), { throwIfNoEntry: false }) !== undefined,
  );

describe('docs/architecture.md, Workspace: the map matches the folders', () => {
  it.each(GROUPS)('%s/: every package folder is named in its row, and only those', (group) => {
    const row = rowOf(workspaceBlock(), group);
    const named = (name: string) => new RegExp(`(^|[\\s,(])${name}([\\s,)]|$)`).test(row);
    const missing = folders(group).filter((name) => !named(name));
    expect({ row: row.trim() !== '', missing }).toEqual({ row: true, missing: [] });
    const elsewhere = GROUPS.filter((other) => other !== group).flatMap((other) =>
      folders(other).filter((name) => !folders(group).includes(name) && named(name)),
    );
    expect(elsewhere).toEqual([]);
  });
});
