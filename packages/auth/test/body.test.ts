import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonBody, type BodyError } from '../src/body.js';

/** readJsonBody over a real HTTP server (F7): what reaches the route, or the refusal. */
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    readJsonBody(req, 64).then(
      (body) => res.end(JSON.stringify({ ok: true, body: body ?? null })),
      (error: unknown) => {
        const e = error as BodyError;
        res.statusCode = e.status;
        res.end(JSON.stringify(e.toBody()));
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const post = async (body: string | Uint8Array<ArrayBuffer> | undefined, type?: string) => {
  const res = await fetch(url, { method: 'POST', body, headers: type ? { 'content-type': type } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('readJsonBody', () => {
  it('parses JSON (also +json types); no body is undefined', async () => {
    expect(await post('{"a":1}', 'application/json; charset=utf-8')).toEqual({
      status: 200,
      body: { ok: true, body: { a: 1 } },
    });
    expect((await post('[1]', 'application/merge-patch+json')).body).toEqual({ ok: true, body: [1] });
    expect((await post(undefined)).body).toEqual({ ok: true, body: null });
  });

  it.each([
    ['{"a":', 'application/json', 400, 'INVALID_JSON'],
    ['not json', 'application/json', 400, 'INVALID_JSON'],
    [new Uint8Array([0x22, 0xff, 0x22]), 'application/json', 400, 'INVALID_JSON'],
    [JSON.stringify({ pad: 'x'.repeat(100) }), 'application/json', 413, 'BODY_TOO_LARGE'],
    ['a=1', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['{"a":1}', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ] as const)('refuses %j (%s) with %i %s and a Korean message', async (body, type, status, code) => {
    const answer = await post(body, type);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ code, message: expect.stringMatching(/요\.$/) });
  });
});
