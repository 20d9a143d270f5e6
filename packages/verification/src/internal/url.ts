/**
 * Base-URL checks shared by the provider clients. Plain http is allowed only towards a loopback
 * host (the local sandbox) unless the caller sets the named option `allowInsecureHttp` (e.g. the
 * sandbox reached as `http://sandbox:4100` inside docker-compose).
 */
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** Returns the URL without a trailing slash, or a reason it is not acceptable. */
export function checkBaseUrl(
  raw: string,
  options: { allowInsecureHttp?: boolean | undefined } = {},
): { ok: true; url: string } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'must be an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'must be an http(s) URL' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && options.allowInsecureHttp !== true) {
    return {
      ok: false,
      reason: 'must use https (plain http only for a loopback sandbox, or with allowInsecureHttp)',
    };
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'must not carry credentials, a query or a fragment' };
  }
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}
