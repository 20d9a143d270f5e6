import { type FastifyInstance } from 'fastify';

/** A parsed application/x-www-form-urlencoded body; a repeated name gives an array. */
export type FormBody = Record<string, string | string[]>;

/** Largest form the sandbox accepts (token requests and consent forms are a few hundred bytes). */
export const FORM_BODY_LIMIT = 16 * 1024;

/** Parses HTML-form and OAuth token-request bodies (RFC 6749 §4.1.3: application/x-www-form-urlencoded). */
export function registerFormBody(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => {
      const form: FormBody = {};
      for (const [name, value] of new URLSearchParams(body as string)) {
        const seen = form[name];
        if (seen === undefined) form[name] = value;
        else form[name] = Array.isArray(seen) ? [...seen, value] : [seen, value];
      }
      done(null, form);
    },
  );
}

export type Single = { ok: true; value: string | undefined } | { ok: false; repeated: string };

/**
 * One parameter from a query or form. OAuth forbids repeating a parameter (RFC 6749 §3.1, §3.2),
 * so a repeated one is reported instead of silently picking a value.
 */
export function single(params: unknown, name: string): Single {
  if (params === null || typeof params !== 'object') return { ok: true, value: undefined };
  const value = (params as Record<string, unknown>)[name];
  if (value === undefined) return { ok: true, value: undefined };
  if (typeof value === 'string') return { ok: true, value: value === '' ? undefined : value };
  return { ok: false, repeated: name };
}

/** The first repeated name among `names`, if any. */
export function firstRepeated(params: unknown, names: readonly string[]): string | undefined {
  for (const name of names) {
    const result = single(params, name);
    if (!result.ok) return result.repeated;
  }
  return undefined;
}

/** Reads parameters that are known not to repeat (call firstRepeated first). */
export function param(params: unknown, name: string): string | undefined {
  const result = single(params, name);
  return result.ok ? result.value : undefined;
}
