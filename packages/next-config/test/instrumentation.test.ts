import { describe, expect, it } from 'vitest';
import { reportRequestError } from '../src/instrumentation.js';

async function logsOf(error: unknown): Promise<string> {
  const lines: string[] = [];
  const err = process.stderr.write.bind(process.stderr);
  const out = process.stdout.write.bind(process.stdout);
  const capture = ((chunk: unknown) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
  process.stderr.write = capture;
  process.stdout.write = capture;
  try {
    await reportRequestError(
      error,
      { path: '/user/api/logout', method: 'POST', headers: { 'x-request-id': 'req-f7' } },
      {
        routerKind: 'Pages Router',
        routePath: '/api/logout',
        routeType: 'route',
        revalidateReason: undefined,
      },
    );
  } finally {
    process.stderr.write = err;
    process.stdout.write = out;
  }
  return lines.join('');
}

/** Next's ApiError, as its body parser throws it. */
class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

// The first report loads the error reporter (Sentry's SDK) lazily: 5.2 s once on a loaded 2-core
// CI machine, past vitest's 5 s default.
describe('reportRequestError (F7: no error flood from bad bodies)', { timeout: 60_000 }, () => {
  it("Next's own 4xx refusals (invalid JSON, body too large) are an info line, not an unexpected error", async () => {
    for (const error of [new ApiError(400, 'Invalid JSON'), new ApiError(413, 'Body exceeded 1mb limit')]) {
      const logs = await logsOf(error);
      expect(logs).toMatch(/"level":"info"/);
      expect(logs).toMatch(/"requestId":"req-f7"/);
      expect(logs).not.toMatch(/unexpected error/);
    }
  });

  it('a real crash is still reported as an unexpected error', async () => {
    expect(await logsOf(new TypeError('boom'))).toMatch(/"level":"error".*unexpected error/);
  });
});
