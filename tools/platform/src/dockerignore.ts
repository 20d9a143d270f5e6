import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@mfv/site';

/**
 * The `.dockerignore` rules as Docker's builder applies them (moby/patternmatcher): patterns
 * are relative to the context root, `*` and `?` stay within one path segment, `**` spans any
 * number, a match on a directory excludes everything under it, `!` re-includes, and the last
 * matching rule wins. Used to build an image's context without Docker (standalone-check) and to
 * test that secrets never enter one.
 */
export interface IgnoreRule {
  pattern: string;
  negate: boolean;
  regex: RegExp;
}

function toRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more directories; a trailing `**` matches everything.
      if (pattern[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

export function parseDockerignore(text: string): IgnoreRule[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = path.posix
        .normalize(negate ? line.slice(1).trim() : line)
        .replace(/^\/+/, '')
        .replace(/\/+$/, '');
      return { pattern, negate, regex: toRegex(pattern) };
    });
}

export function loadDockerignore(root = REPO_ROOT): IgnoreRule[] {
  return parseDockerignore(readFileSync(path.join(root, '.dockerignore'), 'utf8'));
}

/** Whether `relativePath` (posix, from the context root) stays out of the build context. */
export function isIgnored(rules: IgnoreRule[], relativePath: string): boolean {
  const parts = relativePath.split('/');
  let ignored = false;
  for (const rule of rules) {
    // A rule matching the path or any of its parent directories applies to it.
    for (let n = 1; n <= parts.length; n++) {
      if (rule.regex.test(parts.slice(0, n).join('/'))) {
        ignored = !rule.negate;
        break;
      }
    }
  }
  return ignored;
}
