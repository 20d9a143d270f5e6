import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (this file is tools/repo-checks/src/repo.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Every file git tracks, plus the untracked files it does not ignore (so a new file fails the
 * checks before its first commit), as repository-relative POSIX paths. Deleted files are left out.
 */
export function repoFiles(): string[] {
  const out = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'],
    { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const deleted = new Set(
    execFileSync('git', ['ls-files', '-z', '--deleted'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean),
  );
  return [...new Set(out.split('\0').filter((f) => f && !deleted.has(f)))].sort();
}
