import http from 'node:http';
import type { Duplex } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { canonicalRequestUrl, decideRoute, type NextAppName, type RouteDecision } from '@mfv/topology';
import { REFUSALS } from './refusals.js';
import { HSTS_HEADER, SECURITY_HEADERS } from './security-headers.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';
import type { Upstreams } from './upstreams.js';

export interface DevProxyOptions {
  upstreams: Upstreams;
  /** Upper bound for an upstream to answer before the proxy gives up with 504. */
  upstreamTimeoutMs?: number;
  /** One line per request that failed upstream; defaults to stderr as JSON. */
  log?: (entry: Record<string, unknown>) => void;
}

const OWN_HEADERS = [...Object.keys(SECURITY_HEADERS), HSTS_HEADER.name].map((name) => name.toLowerCase());

const defaultLog = (entry: Record<string, unknown>) => process.stderr.write(JSON.stringify(entry) + '\n');

function sendError(
  res: http.ServerResponse,
  status: number,
  code: string,
  message: string,
  requestId: string,
) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ code, message, requestId });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    [REQUEST_ID_HEADER]: requestId,
  });
  res.end(body);
}

/**
 * Decides the route on the canonical spelling of the URL and rewrites `req.url` to that same
 * spelling, which is what http-proxy-3 forwards (F1: routing on the raw path while forwarding
 * the WHATWG-normalised one served `/verify/_next/static\\ssr/…`).
 */
function route(req: http.IncomingMessage): RouteDecision {
  const canonical = canonicalRequestUrl(req.url ?? '/');
  if (canonical === null) return { kind: 'bad-request' };
  req.url = canonical;
  return decideRoute(canonical);
}

/**
 * The local site's public origin: routes by path prefix (the topology's routes table), refuses
 * the SSR bundles nextjs-mf copies into static folders, adds `x-request-id`, and passes
 * websockets through (Next's HMR). Upstream failures answer 502/504 quickly with a JSON body.
 */
export function createDevProxy(options: DevProxyOptions): http.Server {
  const log = options.log ?? defaultLog;
  const timeout = options.upstreamTimeoutMs ?? 30_000;
  const proxy = createProxyServer({ xfwd: true, proxyTimeout: timeout, ws: true });
  const startedAt = new WeakMap<http.IncomingMessage, number>();
  const target = (app: NextAppName) => `http://${options.upstreams[app].host}:${options.upstreams[app].port}`;

  proxy.on('error', (error, req, resOrSocket) => {
    const requestId = String(req.headers[REQUEST_ID_HEADER] ?? '');
    const code = (error as NodeJS.ErrnoException).code ?? 'ERROR';
    log({ level: 'warn', msg: 'upstream failed', requestId, path: req.url, code });
    if (resOrSocket instanceof http.ServerResponse) {
      // http-proxy-3 destroys the upstream request when proxyTimeout passes ("socket hang up").
      const timedOut = Date.now() - (startedAt.get(req) ?? Date.now()) >= timeout - 5;
      sendError(
        resOrSocket,
        timedOut ? 504 : 502,
        timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE',
        timedOut ? 'The service took too long to answer.' : 'The service is not reachable right now.',
        requestId,
      );
    } else {
      (resOrSocket as Duplex | undefined)?.destroy();
    }
  });

  // The table's headers win over an upstream's own (nginx: proxy_hide_header + add_header).
  proxy.on('proxyRes', (proxyRes) => {
    for (const name of OWN_HEADERS) delete proxyRes.headers[name];
  });

  const server = http.createServer((req, res) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if ((req.socket as { encrypted?: boolean }).encrypted) res.setHeader(HSTS_HEADER.name, HSTS_HEADER.value);
    const decision = route(req);
    if (decision.kind !== 'upstream') {
      const refusal = decision.kind === 'blocked' ? REFUSALS.notFound : REFUSALS.badPath;
      sendError(res, refusal.status, refusal.code, refusal.message, requestId);
      return;
    }
    startedAt.set(req, Date.now());
    proxy.web(req, res, { target: target(decision.app) });
  });

  server.on('upgrade', (req, socket, head) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    const decision = route(req);
    if (decision.kind !== 'upstream') {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    proxy.ws(req, socket, head, { target: target(decision.app) });
  });

  server.on('close', () => proxy.close());
  return server;
}
