import { APPS, NEXT_APPS, type NextAppName } from './apps.js';

/**
 * The public routes table, derived from APPS. Both the Node dev proxy and the generated
 * nginx config are built from it, and a test checks the two pick the same upstream.
 */
export interface Route {
  /** Path prefix owned by the app: `/verify` owns `/verify` and `/verify/...`; `/` owns the rest. */
  readonly prefix: string;
  readonly app: NextAppName;
}

/** Most specific first; the shell's catch-all `/` comes last. */
export function routeTable(): Route[] {
  return NEXT_APPS.map((name) => ({ prefix: APPS[name].basePath || '/', app: name })).sort(
    (a, b) => b.prefix.length - a.prefix.length,
  );
}

/**
 * nextjs-mf copies each app's *server* bundles into `<basePath>/_next/static/ssr/`, which
 * Next serves as public static files, and each remote release keeps its copy of them under
 * `<basePath>/_mfv/ssr/<release>/` (@mfv/remote-versions). The public origin must never serve
 * them (docs/architecture.md, Workspace). These are the path prefixes refused with 404.
 */
export function blockedPrefixes(): string[] {
  return NEXT_APPS.flatMap((name) => [
    `${APPS[name].basePath}/_next/static/ssr/`,
    `${APPS[name].basePath}/_mfv/ssr/`,
  ]);
}

export type RouteDecision =
  | { readonly kind: 'upstream'; readonly app: NextAppName }
  | { readonly kind: 'blocked' }
  | { readonly kind: 'bad-request' };

/**
 * Characters a request path may not contain, raw or percent-encoded (red-team finding F1).
 * WHATWG URL — what http-proxy-3 and Next parse paths with — reads `\` as `/` and `%2e` as
 * `.`, and a `#` ends the path; nginx decodes `%2F` into a separator while Next does not. Any
 * of them lets one spelling be routed as one path and served as another, so both proxies
 * refuse them with 400 before routing. Browsers never send them in a path.
 */
export const REFUSED_PATH_PATTERN = /\\|#|%5c|%2e|%2f/i;

/**
 * Normalises a request path the way nginx does before matching locations: percent-decoding,
 * merging slashes and resolving `.` / `..` segments. Without this, `/%5Fnext/static/ssr/x`
 * or `/verify/../_next/static/ssr/x` would slip past a naive prefix check. Returns null for
 * paths the proxies refuse (REFUSED_PATH_PATTERN, invalid escapes, NUL, climbing above the root).
 */
export function normalizePath(rawPath: string): string | null {
  const pathOnly = rawPath.split('?', 1)[0] ?? '';
  if (!pathOnly.startsWith('/')) return null;
  if (REFUSED_PATH_PATTERN.test(pathOnly)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathOnly);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const out: string[] = [];
  const segments = decoded.split('/');
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i] as string;
    const last = i === segments.length - 1;
    if (segment === '' && !last) continue; // merge slashes
    if (segment === '.') {
      if (last) out.push('');
      continue;
    }
    if (segment === '..') {
      if (out.length === 0) return null;
      out.pop();
      if (last) out.push('');
      continue;
    }
    out.push(segment);
  }
  return '/' + out.join('/');
}

/** RFC 3986 pchar minus what WHATWG URL would rewrite: unreserved, sub-delims, ':' and '@'. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%(24|26|2B|2C|3B|3D|3A|40)/g, (escape) =>
    decodeURIComponent(escape),
  );
}

/**
 * The one spelling of a request URL that both routing and forwarding use: the normalised
 * path, re-encoded so that WHATWG URL (http-proxy-3, Next) leaves it exactly as it is, plus
 * the query as sent. Null when the path is refused. The Node proxy routes on this string and
 * forwards this string, so the upstream can never be asked for a path other than the one the
 * route was decided on.
 */
export function canonicalRequestUrl(rawUrl: string): string | null {
  const queryAt = rawUrl.indexOf('?');
  const path = normalizePath(queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt));
  if (path === null) return null;
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt);
  return path.split('/').map(encodeSegment).join('/') + query;
}

function ownsPath(prefix: string, path: string): boolean {
  return prefix === '/' || path === prefix || path.startsWith(prefix + '/');
}

/** Which upstream answers a request path; the one decision both proxies implement. */
export function decideRoute(rawPath: string): RouteDecision {
  const path = normalizePath(rawPath);
  if (path === null) return { kind: 'bad-request' };
  if (blockedPrefixes().some((prefix) => path.startsWith(prefix) || path === prefix.slice(0, -1))) {
    return { kind: 'blocked' };
  }
  const route = routeTable().find((r) => ownsPath(r.prefix, path));
  // The table ends with the shell's '/', so a route always exists.
  return { kind: 'upstream', app: (route as Route).app };
}
