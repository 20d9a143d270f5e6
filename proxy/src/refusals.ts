/**
 * What the public origin answers itself, before any app sees the request. One table for the
 * Node proxy and the generated nginx config, so both send the same JSON `{code, message}`.
 */
export const REFUSALS = {
  badPath: { status: 400, code: 'BAD_PATH', message: '요청 주소가 올바르지 않아요.' },
  notFound: { status: 404, code: 'NOT_FOUND', message: '찾는 페이지가 없어요.' },
} as const;

export type Refusal = (typeof REFUSALS)[keyof typeof REFUSALS];

/** The body nginx returns (no request id: nginx adds it as a header). */
export function refusalBody(refusal: Refusal): string {
  return JSON.stringify({ code: refusal.code, message: refusal.message });
}
