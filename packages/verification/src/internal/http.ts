/**
 * One outbound HTTP call with the limits every provider call needs (the approach of
 * `mobile-ok/http.ts`, made provider-neutral for KCB, SSAFY and Toss): a connect timeout, a total
 * deadline that ends with the last byte of the body, an optional caller AbortSignal, a cap on the
 * response size, and TLS 1.2 or newer. Returns a WHATWG `Response` so processors take recorded
 * responses in tests.
 *
 * Two transports with the same contract:
 * - {@link createNodeHttpTransport}: `node:http`/`node:https` with our own agents (KCB, SSAFY);
 * - {@link createDispatcherTransport}: an undici `Dispatcher` — the mTLS Agent from `@mfv/mtls`
 *   (Toss). Its connect timeout lives in the Agent; the total deadline is enforced here.
 *
 * Failures reject with {@link HttpFailure}; each provider maps it to its own typed error.
 */
import http from 'node:http';
import https from 'node:https';
import { type Dispatcher } from 'undici';

export const HTTP_TLS_MIN_VERSION = 'TLSv1.2';
/** Provider answers are small JSON documents; anything past this is refused. */
export const HTTP_DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/** Upper bound for any configured timeout: no provider call waits longer. */
export const HTTP_MAX_TIMEOUT_MS = 60_000;

export type HttpFailureKind = 'connect-timeout' | 'timeout' | 'aborted' | 'network' | 'too-large';

export class HttpFailure extends Error {
  override name = 'HttpFailure';
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
    readonly errno?: string,
  ) {
    super(message);
  }
}

export interface HttpLimits {
  connectTimeoutMs: number;
  timeoutMs: number;
  maxResponseBytes?: number;
}

export interface HttpRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Buffer;
  signal?: AbortSignal | undefined;
}

export interface HttpTransport {
  readonly limits: Readonly<HttpLimits>;
  send(request: HttpRequest): Promise<Response>;
  close(): Promise<void>;
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

function toResponse(status: number, statusText: string, headers: Headers, body: Buffer): Response {
  // A Uint8Array over its own ArrayBuffer: a BodyInit under both Node's and the DOM's typings (the
  // Next apps type-check this file with lib DOM, where a Buffer is not one).
  return new Response(NULL_BODY_STATUSES.has(status) ? null : new Uint8Array(body), {
    status,
    statusText,
    headers,
  });
}

/** `node:http`/`node:https` transport; https always with TLS ≥ 1.2 and certificate checks. */
export function createNodeHttpTransport(limits: HttpLimits): HttpTransport {
  const httpsAgent = new https.Agent({ keepAlive: true, minVersion: HTTP_TLS_MIN_VERSION });
  const httpAgent = new http.Agent({ keepAlive: true });
  const maxBytes = limits.maxResponseBytes ?? HTTP_DEFAULT_MAX_RESPONSE_BYTES;

  function send(request: HttpRequest): Promise<Response> {
    const { url, signal } = request;
    const isHttps = url.protocol === 'https:';
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new HttpFailure('aborted', 'request aborted before it was sent'));
        return;
      }
      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;
      const cleanup = () => {
        clearTimeout(totalTimer);
        clearTimeout(connectTimer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: HttpFailure) => {
        if (settled) return;
        settled = true;
        cleanup();
        req.destroy();
        reject(error);
      };
      const onAbort = () => fail(new HttpFailure('aborted', 'request aborted'));
      const headers: http.OutgoingHttpHeaders = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = request.body.length;
      const options: https.RequestOptions = {
        method: request.method,
        agent: isHttps ? httpsAgent : httpAgent,
        headers,
      };
      if (isHttps) options.minVersion = HTTP_TLS_MIN_VERSION;
      const req = (isHttps ? https : http).request(url, options);
      const totalTimer = setTimeout(
        () => fail(new HttpFailure('timeout', `no complete answer within ${limits.timeoutMs} ms`)),
        limits.timeoutMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('socket', (socket) => {
        if (!socket.connecting) return; // a kept-alive socket is already connected
        connectTimer = setTimeout(
          () =>
            fail(new HttpFailure('connect-timeout', `no connection within ${limits.connectTimeoutMs} ms`)),
          limits.connectTimeoutMs,
        );
        socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      });
      req.on('error', (error: NodeJS.ErrnoException) =>
        fail(new HttpFailure('network', `request failed (${error.code ?? 'network error'})`, error.code)),
      );
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            fail(new HttpFailure('too-large', `response exceeds ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (error: NodeJS.ErrnoException) =>
          fail(new HttpFailure('network', `response failed (${error.code ?? 'network error'})`, error.code)),
        );
        res.on('close', () => {
          if (!settled && !res.complete) fail(new HttpFailure('network', 'response was cut off'));
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          cleanup();
          resolve(
            toResponse(
              res.statusCode ?? 0,
              res.statusMessage ?? '',
              toHeaders(res.headers),
              Buffer.concat(chunks),
            ),
          );
        });
      });
      req.end(request.body);
    });
  }

  return Object.freeze({
    limits: Object.freeze({ ...limits }),
    send,
    async close() {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  });
}

const UNDICI_TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function undiciFailure(error: unknown, state: { timedOut: boolean; callerAborted: boolean }): HttpFailure {
  if (state.timedOut) return new HttpFailure('timeout', 'no complete answer within the deadline');
  if (state.callerAborted) return new HttpFailure('aborted', 'request aborted');
  const code = (error as { code?: string } | null)?.code;
  if (code === 'UND_ERR_CONNECT_TIMEOUT')
    return new HttpFailure('connect-timeout', 'no connection in time', code);
  if (code !== undefined && UNDICI_TIMEOUT_CODES.has(code)) {
    return new HttpFailure('timeout', 'the counterpart stopped answering', code);
  }
  return new HttpFailure('network', `request failed (${code ?? 'network error'})`, code);
}

/**
 * Transport over an undici `Dispatcher` (e.g. `createMtlsDispatcher()` from `@mfv/mtls`). The
 * dispatcher owns TLS and the connect timeout; `close()` closes it.
 */
export function createDispatcherTransport(dispatcher: Dispatcher, limits: HttpLimits): HttpTransport {
  const maxBytes = limits.maxResponseBytes ?? HTTP_DEFAULT_MAX_RESPONSE_BYTES;

  async function send(request: HttpRequest): Promise<Response> {
    const { signal } = request;
    if (signal?.aborted) throw new HttpFailure('aborted', 'request aborted before it was sent');
    const state = { timedOut: false, callerAborted: false };
    const controller = new AbortController();
    const timer = setTimeout(() => {
      state.timedOut = true;
      controller.abort();
    }, limits.timeoutMs);
    const onAbort = () => {
      state.callerAborted = true;
      controller.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const options: Dispatcher.RequestOptions = {
        origin: request.url.origin,
        path: request.url.pathname + request.url.search,
        method: request.method,
        headers: request.headers,
        signal: controller.signal,
        headersTimeout: limits.timeoutMs,
        bodyTimeout: limits.timeoutMs,
      };
      if (request.body !== undefined) options.body = request.body;
      let res: Dispatcher.ResponseData;
      try {
        res = await dispatcher.request(options);
      } catch (error) {
        throw undiciFailure(error, state);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of res.body) {
          const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
          size += buffer.length;
          if (size > maxBytes) {
            res.body.destroy();
            throw new HttpFailure('too-large', `response exceeds ${maxBytes} bytes`);
          }
          chunks.push(buffer);
        }
      } catch (error) {
        if (error instanceof HttpFailure) throw error;
        throw undiciFailure(error, state);
      }
      return toResponse(
        res.statusCode,
        '',
        toHeaders(res.headers as Record<string, string | string[] | undefined>),
        Buffer.concat(chunks),
      );
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return Object.freeze({
    limits: Object.freeze({ ...limits }),
    send,
    async close() {
      await dispatcher.close();
    },
  });
}
