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
 * them (TOOLCHAIN-NOTES.md). These are the path prefixes refused with 404.
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
 * Normalises a request path the way nginx does before matching locations: percent-decoding,
 * merging slashes and resolving `.` / `..` segments. Without this, `/%5Fnext/static/ssr/x`
 * or `/verify/../_next/static/ssr/x` would slip past a naive prefix check. Returns null for
 * paths nginx rejects (invalid escapes, NUL, climbing above the root).
 */
export function normalizePath(rawPath: string): string | null {
  const pathOnly = rawPath.split('?', 1)[0] ?? '';
  if (!pathOnly.startsWith('/')) return null;
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
