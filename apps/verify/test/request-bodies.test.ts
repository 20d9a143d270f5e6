/**
 * docs/security.md F7: malformed JSON and bodies over 1 MB answered text/plain and were logged
 * at level error as "unexpected error" (a Sentry event each). Now 400 / 413 / 415 as
 * `{code, message}` with a Korean message, logged at info.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInBrowser, type TestBrowser } from './support/browser';
import {
  PUBLIC_ORIGIN,
  startInfra,
  startVerifyServer,
  type Infra,
  type VerifyServer,
} from './support/harness';

let infra: Infra;
let verify: VerifyServer;
let browser: TestBrowser;

beforeAll(async () => {
  infra = await startInfra();
  verify = await startVerifyServer(infra);
  ({ browser } = await signedInBrowser(verify.url, infra.api, verify.auth));
}, 60_000);

afterAll(async () => {
  await verify?.close();
  await infra?.stop();
});

/** Runs `fn` with stdout/stderr captured (the JSON log lines). */
async function withLogs<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string }> {
  const lines: string[] = [];
  const err = process.stderr.write.bind(process.stderr);
  const out = process.stdout.write.bind(process.stdout);
  const capture = ((chunk: unknown) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
  process.stderr.write = capture;
  process.stdout.write = capture;
  try {
    return { result: await fn(), lines: lines.join('') };
  } finally {
    process.stderr.write = err;
    process.stdout.write = out;
  }
}

describe('request bodies (F7)', () => {
  it.each([
    ['{"service":', 'application/json', 400, 'INVALID_JSON'],
    [
      JSON.stringify({ service: 'sms', pad: 'x'.repeat(1024 * 1024) }),
      'application/json',
      413,
      'BODY_TOO_LARGE',
    ],
    ['service=sms', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ] as const)('%#: (%s) → %i %s, JSON, logged at info', async (body, type, status, code) => {
    const csrf = await browser.get<{ token: string }>('/verify/api/auth/csrf');
    const { result: res, lines } = await withLogs(() =>
      fetch(`${verify.url}/verify/api/mok/start`, {
        method: 'POST',
        headers: {
          'content-type': type,
          'x-csrf-token': csrf.body.token,
          origin: PUBLIC_ORIGIN,
          cookie: browser.cookieHeader(),
        },
        body,
      }),
    );
    expect(lines).not.toMatch(/unexpected error|"level":"error"/);
    expect(lines).toMatch(new RegExp(`"level":"info".*"code":"${code}"`));
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ code, message: expect.stringMatching(/요\.$/) });
  });

  it("every API route file of every app turns Next's body parser off", () => {
    const appsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.tsx?$/.test(name)) files.push(full);
      }
    };
    // Every app, and the template `pnpm new:remote` copies.
    const roots = readdirSync(appsDir).map((app) => path.join(appsDir, app));
    roots.push(path.join(appsDir, '../tools/generators/remote-template'));
    for (const root of roots) {
      const api = path.join(root, 'src/pages/api');
      try {
        walk(api);
      } catch {
        // an app without API routes
      }
    }
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      expect(readFileSync(file, 'utf8'), file).toMatch(
        /export const config = \{ api: \{ bodyParser: false \} \};/,
      );
    }
  });

  it.each([
    ['/verify/api/mok/start', { service: 12 }],
    ['/verify/api/mok/start', []],
    ['/verify/api/mok/request', { name: 5, phone: ['010'] }],
  ])(
    '%s with %j → 400 INVALID_INPUT whose field messages are Korean (not the schema’s English)',
    async (route, body) => {
      const res = await browser.post(route, body);
      expect(res.status).toBe(400);
      const answer = res.body as { code: string; message: string; fields?: Record<string, string> };
      expect(answer.code).toBe('INVALID_INPUT');
      expect(answer.message).toMatch(/요\.$/);
      for (const message of Object.values(answer.fields ?? {}))
        expect(message).toMatch(/^[^A-Za-z]*[가-힣][^A-Za-z]*$/);
    },
  );
});
