/**
 * One POST-JSON call to mobile-ok, with the limits every call needs: a connect timeout (TCP and,
 * for https, the TLS handshake), a total deadline that ends with the last byte of the body, an
 * optional caller AbortSignal, a cap on the response size, and TLS 1.2 or newer (본인확인-API 가이드 §2.3, §4–§7:
 * "HTTPS 암호화 통신 : TLS 1.2 이상", "HTTP 메소드 : POST", "Charset : utf-8").
 *
 * Built on `node:http`/`node:https` so the TLS floor and both timeouts are set on the socket we
 * use, with no extra dependency. Returns a WHATWG `Response` so processors can be fed recorded
 * responses in tests.
 */
import http from 'node:http';
import https from 'node:https';
import { type MokStep } from './codes.js';
import { MokProtocolError, MokTransportError } from './errors.js';

export const MOK_TLS_MIN_VERSION = 'TLSv1.2';
/** Responses are small JSON documents; anything past this is refused. */
export const MOK_MAX_RESPONSE_BYTES = 1024 * 1024;
export const MOK_CONTENT_TYPE = 'application/json;charset=UTF-8';

export interface MokTransport {
  connectTimeoutMs: number;
  timeoutMs: number;
  /** Agent for https URLs; must enforce {@link MOK_TLS_MIN_VERSION} (see {@link createMokHttpsAgent}). */
  httpsAgent: https.Agent;
  /** Agent for plain-http URLs (the sandbox only). */
  httpAgent: http.Agent;
  maxResponseBytes?: number;
}

export function createMokHttpsAgent(): https.Agent {
  return new https.Agent({ keepAlive: true, minVersion: MOK_TLS_MIN_VERSION });
}

export function createMokHttpAgent(): http.Agent {
  return new http.Agent({ keepAlive: true });
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/**
 * POSTs `body` as UTF-8 JSON to `url` and resolves with the whole response. Rejects with a
 * {@link MokTransportError} on timeout, abort, network or TLS failure, or an oversized body.
 */
export function postMokJson(
  url: URL,
  body: Readonly<Record<string, unknown>>,
  transport: MokTransport,
  options: { step: MokStep; signal?: AbortSignal | undefined },
): Promise<Response> {
  const { step, signal } = options;
  const maxBytes = transport.maxResponseBytes ?? MOK_MAX_RESPONSE_BYTES;
  const isHttps = url.protocol === 'https:';
  const payload = Buffer.from(JSON.stringify(body), 'utf8');

  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) {
      reject(
        new MokTransportError('MOK_ABORTED', `mobile-ok ${step} request aborted before it was sent`, {
          step,
        }),
      );
      return;
    }

    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    const cleanup = () => {
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      cleanup();
      req.destroy();
      reject(error);
    };
    const onAbort = () =>
      fail(
        new MokTransportError('MOK_ABORTED', `mobile-ok ${step} request aborted`, { step, reason: 'abort' }),
      );

    const requestOptions: https.RequestOptions = {
      method: 'POST',
      agent: isHttps ? transport.httpsAgent : transport.httpAgent,
      headers: {
        'content-type': MOK_CONTENT_TYPE,
        accept: 'application/json',
        'content-length': payload.length,
      },
    };
    if (isHttps) requestOptions.minVersion = MOK_TLS_MIN_VERSION;
    const req = (isHttps ? https : http).request(url, requestOptions);

    const totalTimer = setTimeout(
      () =>
        fail(
          new MokTransportError(
            'MOK_TIMEOUT',
            `mobile-ok ${step} did not answer within ${transport.timeoutMs} ms`,
            {
              step,
              timeoutMs: transport.timeoutMs,
            },
          ),
        ),
      transport.timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });

    req.on('socket', (socket) => {
      if (!socket.connecting) return; // a kept-alive socket is already connected
      connectTimer = setTimeout(
        () =>
          fail(
            new MokTransportError(
              'MOK_CONNECT_TIMEOUT',
              `mobile-ok ${step}: no connection within ${transport.connectTimeoutMs} ms`,
              { step, connectTimeoutMs: transport.connectTimeoutMs },
            ),
          ),
        transport.connectTimeoutMs,
      );
      socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });

    req.on('error', (error: NodeJS.ErrnoException) =>
      fail(
        new MokTransportError(
          'MOK_NETWORK',
          `mobile-ok ${step} request failed (${error.code ?? 'network error'})`,
          {
            step,
            errno: error.code,
          },
        ),
      ),
    );

    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          fail(
            new MokTransportError(
              'MOK_RESPONSE_TOO_LARGE',
              `mobile-ok ${step} response exceeds ${maxBytes} bytes`,
              {
                step,
                maxBytes,
              },
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (error: NodeJS.ErrnoException) =>
        fail(
          new MokTransportError(
            'MOK_NETWORK',
            `mobile-ok ${step} response failed (${error.code ?? 'network error'})`,
            {
              step,
              errno: error.code,
            },
          ),
        ),
      );
      res.on('close', () => {
        if (!settled && !res.complete) {
          fail(new MokTransportError('MOK_NETWORK', `mobile-ok ${step} response was cut off`, { step }));
        }
      });
      res.on('end', () => {
        if (settled) return;
        if (status < 200 || status > 599) {
          fail(
            new MokProtocolError('MOK_UNEXPECTED_STATUS', `mobile-ok ${step} answered HTTP ${status}`, {
              step,
              status,
            }),
          );
          return;
        }
        settled = true;
        cleanup();
        const bytes = Buffer.concat(chunks);
        resolve(
          new Response(NULL_BODY_STATUSES.has(status) ? null : bytes, {
            status,
            statusText: res.statusMessage ?? '',
            headers: toHeaders(res.headers),
          }),
        );
      });
    });

    req.end(payload);
  });
}
