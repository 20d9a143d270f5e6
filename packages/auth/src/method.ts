import type { ServerResponse } from 'node:http';

/** What a person (or a client) reads when a route is asked with a method it does not serve. */
export const METHOD_NOT_ALLOWED_MESSAGE = '이 주소에서는 받을 수 없는 요청이에요.';

/**
 * Answers 405 with `Allow` and the one `{code, message}` body every app uses, when `method` is not
 * one of `allowed`; returns true when it answered (the route stops there).
 */
export function refuseMethod(
  method: string | undefined,
  res: ServerResponse,
  allowed: readonly string[],
): boolean {
  if (method !== undefined && allowed.includes(method)) return false;
  res.statusCode = 405;
  res.setHeader('Allow', allowed.join(', '));
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ code: 'METHOD_NOT_ALLOWED', message: METHOD_NOT_ALLOWED_MESSAGE }));
  return true;
}
