/**
 * Browser side of @mfv/auth (no node: imports): same-origin JSON calls to an app's own API
 * routes, with the CSRF token fetched on demand for state-changing requests and fetched
 * again once if the session changed under it (a login rebinds tokens).
 */
export const CSRF_HEADER = 'x-csrf-token';

export class ApiCallError extends Error {
  override name = 'ApiCallError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body, for routes that answer more than `{code, message}` (e.g. retries left). */
    readonly body: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export interface AppClient {
  json<T>(path: string, init?: { method?: string; body?: unknown; signal?: AbortSignal }): Promise<T>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `basePath` is the app's (e.g. '/notice'); paths are relative to it ('/api/notices'). */
export function createAppClient(basePath: string): AppClient {
  let token: Promise<string> | null = null;

  const csrf = (): Promise<string> =>
    (token ??= fetch(`${basePath}/api/auth/csrf`, { credentials: 'same-origin', cache: 'no-store' })
      .then(async (res) => {
        if (!res.ok)
          throw new ApiCallError(
            res.status,
            'CSRF_UNAVAILABLE',
            '보안 토큰을 받지 못했어요. 페이지를 새로 고쳐 주세요.',
          );
        return ((await res.json()) as { token: string }).token;
      })
      .catch((error: unknown) => {
        token = null;
        throw error;
      }));

  async function send<T>(
    path: string,
    init: { method?: string; body?: unknown; signal?: AbortSignal },
    retried: boolean,
  ): Promise<T> {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (UNSAFE.has(method)) headers[CSRF_HEADER] = await csrf();
    const res = await fetch(`${basePath}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    if (res.ok) return body as T;
    if (res.status === 403 && body?.code === 'CSRF_TOKEN' && !retried) {
      token = null;
      return send<T>(path, init, true);
    }
    throw new ApiCallError(
      res.status,
      body?.code ?? 'ERROR',
      body?.message ?? '요청을 처리하지 못했어요.',
      body ?? {},
    );
  }

  return { json: (path, init = {}) => send(path, init, false) };
}
