import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { INDEX_FILE, RELEASES_DIR, parseReleaseIndex, type ReleaseIndex } from './manifest.js';

/**
 * `pages/api/release.ts` of a remote: `export default releaseHandler()`. Answers the release index
 * this server process was started with — the releases it serves and which is current — read once,
 * so a build published next to a running server does not become current before that server is
 * restarted on it. 404 `{code, message}` when the app was not built with releases (`next dev`).
 */
export function releaseHandler(appDir: string = process.cwd()) {
  let index: ReleaseIndex | null | undefined;
  return (_req: IncomingMessage, res: ServerResponse): void => {
    if (index === undefined) {
      const file = path.join(appDir, 'public', RELEASES_DIR, INDEX_FILE);
      index = existsSync(file) ? parseReleaseIndex(JSON.parse(readFileSync(file, 'utf8'))) : null;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (!index) {
      res.statusCode = 404;
      res.end(
        JSON.stringify({ code: 'NO_RELEASES', message: '이 앱은 릴리스 없이 실행 중이에요 (next dev).' }),
      );
      return;
    }
    res.statusCode = 200;
    res.end(JSON.stringify(index));
  };
}
