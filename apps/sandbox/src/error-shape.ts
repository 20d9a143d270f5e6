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
  /**
   * Fault `code:<code>`: an HTTP 200 body reporting the provider's own result code, for
   * providers that answer failures that way (mobile-ok). Undefined (or absent) when `code` is not
   * one of the provider's codes: the fault is then refused with 400.
   */
  resultCode?(code: string): string | undefined;
  /** True on routes whose answer carries an integrity check that fault `tamper` can break. */
  readonly tamper?: boolean;
  /**
   * Fault `defect:<name>`: the named ways this route can answer wrongly but plausibly (SSAFY
   * Verify: `wrong-iss`, `expired`, …). The handler reads `request.sandboxDefect`; a name not
   * listed here is refused with 400.
   */
  readonly defects?: readonly string[];
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
