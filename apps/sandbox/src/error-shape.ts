/**
 * How one provider (or one of its hosts) spells an error. The app's error handler and the
 * fault injector answer through the route's shape, so a client always sees errors in the
 * format the real provider would use, whatever went wrong in the sandbox.
 */
export interface ProviderErrorShape {
  /** Content-Type the provider answers with (errors included). */
  readonly contentType: string;
  /** A provider-shaped error body for this HTTP status; `message` is safe to show. */
  error(status: number, message: string): string;
  /** A body that claims `contentType` but does not parse (fault `malformed`). */
  malformed(): string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on every provider route; routes without it (e.g. /healthz) answer plain JSON. */
    errorShape?: ProviderErrorShape;
  }
}

/** The sandbox's own routes (health, unknown paths): plain JSON. */
export const plainJsonShape: ProviderErrorShape = {
  contentType: 'application/json; charset=utf-8',
  error: (status, message) =>
    JSON.stringify({ error: status >= 500 ? 'internal_error' : 'bad_request', message }),
  malformed: () => '{"status":',
};
