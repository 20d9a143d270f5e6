import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, repoFiles } from '../src/repo.js';

/**
 * A route asked with a method it does not serve answers through `refuseMethod` of `@mfv/auth`: one
 * `{code, message}` body in the site's words. Hand-written 405 bodies drifted ("POST only", "GET만
 * 받습니다.", "POST로 보내 주세요.") before there was one.
 */
describe('one 405 answer', () => {
  it('no app source writes its own METHOD_NOT_ALLOWED body', () => {
    const sources = repoFiles().filter((file) => /^apps\/[^/]+\/src\/.*\.tsx?$/.test(file));
    expect(sources.length).toBeGreaterThan(100);
    const own = sources.filter((file) =>
      /code:\s*'METHOD_NOT_ALLOWED'/.test(readFileSync(path.join(REPO_ROOT, file), 'utf8')),
    );
    expect(own).toEqual([]);
  });
});
