/**
 * Response headers the public origin adds to every answer (red-team finding F8: `/user/login`
 * could be framed by another site; no nosniff). One table for the Node proxy and the generated
 * nginx config; the parity test checks both send exactly these. An upstream's own value for one
 * of these names is replaced, so every app gets the same policy.
 *
 * The CSP is deliberately the part that cannot break the apps: framing, plugins and `<base>`.
 * A script-src policy needs nonces through Next and Module Federation (not done here).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "frame-ancestors 'self'; object-src 'none'; base-uri 'self'",
  // For browsers without CSP frame-ancestors.
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Sent only on https (browsers ignore it on http, and it must not pin a plain-http dev origin). */
export const HSTS_HEADER = {
  name: 'Strict-Transport-Security',
  value: 'max-age=31536000; includeSubDomains',
};
