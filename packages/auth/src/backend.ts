import type { z } from 'zod';
import type { AuthConfig } from './env.js';

/** The api answered with a 4xx: its code and message are passed on (they are meant for clients). */
export class BackendError extends Error {
  override name = 'BackendError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The api did not answer in time, answered 5xx, or answered something that is not its contract. */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
  readonly code = 'BACKEND_UNAVAILABLE';
  constructor(
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`api ${path} unavailable`, options);
  }
}

export interface BackendCall<S extends z.ZodType | undefined> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The user's access token: server-to-server calls carry `Authorization: Bearer`, never cookies. */
  accessToken?: string;
  /** The api's service credential instead of a user token (login, signup). */
  internal?: boolean;
  body?: unknown;
  requestId?: string;
  timeoutMs?: number;
  /** Validates the 2xx body; a mismatch is BackendUnavailableError (the contract is broken). */
  schema?: S;
}

/**
 * The one way Next servers call the api: bounded time, request id propagated, JSON in and
 * out, errors typed. Not retried: every api call that changes state is not idempotent.
 */
export async function callApi<S extends z.ZodType | undefined = undefined>(
  config: AuthConfig,
  path: string,
  call: BackendCall<S> = {},
): Promise<S extends z.ZodType ? z.infer<S> : unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  if (call.accessToken) headers.authorization = `Bearer ${call.accessToken}`;
  if (call.internal) headers.authorization = `Bearer ${config.internalToken}`;
  if (call.requestId) headers['x-request-id'] = call.requestId;
  let res: Response;
  try {
    res = await fetch(`${config.apiUrl}${path}`, {
      method: call.method ?? (call.body === undefined ? 'GET' : 'POST'),
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(call.timeoutMs ?? config.backendTimeoutMs),
    });
  } catch (error) {
    throw new BackendUnavailableError(path, { cause: error });
  }
  if (res.status >= 500) {
    await res.body?.cancel();
    throw new BackendUnavailableError(path, { cause: new Error(`status ${res.status}`) });
  }
  const text = await res.text().catch((error: unknown) => {
    throw new BackendUnavailableError(path, { cause: error });
  });
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new BackendUnavailableError(path, { cause: error });
    }
  }
  if (res.status >= 400) {
    const body = (json ?? {}) as { code?: unknown; message?: unknown };
    throw new BackendError(
      res.status,
      typeof body.code === 'string' ? body.code : 'BACKEND_ERROR',
      typeof body.message === 'string' ? body.message : `api answered ${res.status}`,
    );
  }
  if (!call.schema) return json as never;
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) throw new BackendUnavailableError(path, { cause: parsed.error });
  return parsed.data as never;
}
