/**
 * The one way this package makes error classes. Every provider client (mobile-ok, KCB, Toss,
 * SSAFY) gets a family from `providerErrors(provider)`:
 *
 * - `Base`: abstract, exported as the provider's base class (`MokError`, `KcbError`, …);
 *   `instanceof` catches every error that client throws on purpose. Its
 *   `cause` is `{provider, step?, …context}`, naming fields and reasons, never values (no key
 *   material, token, ciphertext or a person's data).
 * - `kind(name, codes)`: a class whose instances carry one of `codes` (`new X(code, message,
 *   context?)`), for a kind of failure with several codes.
 * - `fixed(name, code)`: a class with a single code (`new X(message, context?)`).
 *
 * Each provider declares its classes as `export class MokTransportError extends
 * mok.kind('MokTransportError', MOK_TRANSPORT_ERROR_CODES) {}`, so each stays a named class with
 * its own `instanceof` and type; classes with extra fields extend `Base` or a kind.
 */
import type { HttpFailureKind } from './http.js';

export type ErrorContext<Step extends string = string> = { step?: Step } & Record<string, unknown>;

export function providerErrors<
  P extends string,
  Code extends string,
  Step extends string = string,
  Messages extends Readonly<Record<Code, string>> | undefined = undefined,
>(
  provider: P,
  /** The message for the person of each code, when the provider's client has them. */
  messages?: Messages,
) {
  abstract class Base extends Error {
    abstract readonly code: Code;
    declare readonly cause: { provider: P } & ErrorContext<Step>;
    constructor(message: string, context: ErrorContext<Step> = {}) {
      super(message, { cause: { provider, ...context } });
    }
    /** The Korean message for the person (clients with a message table only). */
    get userMessage(): Messages extends undefined ? string | undefined : string {
      return messages?.[this.code] as Messages extends undefined ? string | undefined : string;
    }
  }

  function kind<const C extends readonly Code[]>(name: string, _codes: C) {
    return class extends Base {
      override name = name;
      constructor(
        readonly code: C[number],
        message: string,
        context: ErrorContext<Step> = {},
      ) {
        super(message, context);
      }
    };
  }

  function fixed<const C extends Code>(name: string, code: C) {
    return class extends Base {
      override name = name;
      readonly code: C = code;
    };
  }

  return { Base, kind, fixed };
}

/** A neutral transport failure (internal/http.ts) → `<PREFIX>_CONNECT_TIMEOUT`, `<PREFIX>_TIMEOUT`, … */
export function transportErrorCode<P extends string>(
  prefix: P,
  kind: HttpFailureKind,
): `${P}_${'CONNECT_TIMEOUT' | 'TIMEOUT' | 'ABORTED' | 'NETWORK' | 'RESPONSE_TOO_LARGE'}` {
  const suffix = TRANSPORT_SUFFIX[kind];
  return `${prefix}_${suffix}`;
}

const TRANSPORT_SUFFIX = {
  'connect-timeout': 'CONNECT_TIMEOUT',
  timeout: 'TIMEOUT',
  aborted: 'ABORTED',
  network: 'NETWORK',
  'too-large': 'RESPONSE_TOO_LARGE',
} as const satisfies Record<HttpFailureKind, string>;
