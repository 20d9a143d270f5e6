/**
 * How every state-changing API route of the verify remote runs: a route is a definition (a zod
 * body schema, the rate limit it counts against, a handler over the runtime); `bindRoute` turns
 * one into a Next API handler. The definitions live with their provider
 * (`providers/<provider>/routes.ts`); `pages/api/…` binds them to the process's runtime, tests to
 * a runtime of their own.
 *
 * Every route: POST only; `Cache-Control: no-store`; CSRF (Origin + the signed double-submit
 * token of @mfv/auth, bound to the session or, signed out, to the pre-session — so a person who
 * is signing up is protected the same way); a strict body; errors as `{code, message, …}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextApiHandler, NextApiRequest, NextApiResponse } from 'next';
import { checkCsrf, readJsonBody, type Auth, refuseMethod } from '@mfv/auth';
import { z } from 'zod';
import { invalidInput, sendVerifyError, toVerifyError, type VerifyError } from './errors';
import { ownerOf } from './handoff';
import { clientIp, type LimitAction, type LimitKeys, type RateLimits } from './limits';

/** A field a schema refused without words of its own. */
const FIELD_FORMAT_MESSAGE = '형식이 올바르지 않아요.';

/** What a route's handler gets besides its body. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
}

/** A handler's answer: the status and the JSON body. */
export interface Reply<T> {
  status: number;
  body: T;
}

/** What the generic route code needs of a runtime. */
export interface RouteRuntime {
  auth: Auth;
  /** Rate limits; absent only in tests that do not exercise them. */
  limits?: RateLimits;
}

export interface RouteDefinition<R extends RouteRuntime, S extends z.ZodType> {
  /** For the logs (`api:<name>`). */
  name: string;
  schema: S;
  /** What the route counts against (member and IP; per-phone limits are counted by the service). */
  limit: LimitAction;
  handle: (runtime: R, ctx: RouteContext, body: z.output<S>) => Promise<Reply<unknown>>;
  /** A provider's own error mapping; the shared one (`toVerifyError`) otherwise. */
  mapError?: (error: unknown) => VerifyError;
}

/** Typed by its schema; a plain identity, so a definition reads as one object. */
export const defineRoute = <R extends RouteRuntime, S extends z.ZodType>(
  definition: RouteDefinition<R, S>,
): RouteDefinition<R, S> => definition;

/** Bounds on what a person can type; the field rules proper are each provider's `rules.ts`. */
export const text = (max: number) => z.string().max(max);

/** The member (or pending signup) and the client address of a request, for the limits. */
async function limitKeys(auth: Auth, req: NextApiRequest, res: NextApiResponse): Promise<LimitKeys> {
  const owner = await ownerOf(auth, req, res);
  const member =
    typeof owner === 'object'
      ? 'userId' in owner
        ? `user:${owner.userId}`
        : `signup:${owner.signupTicket}`
      : undefined;
  return { member, ip: clientIp(req) };
}

/**
 * The JSON body, read by us: every route file turns Next's parser off
 * (`export const config = { api: { bodyParser: false } }`), so a malformed, oversized or
 * non-JSON body answers 400 / 413 / 415 `{code, message}` and is logged at info.
 */
const bodyOf = async (req: NextApiRequest): Promise<unknown> => (await readJsonBody(req)) ?? {};

/** One route bound to a runtime. */
export function bindRoute<R extends RouteRuntime, S extends z.ZodType>(
  route: RouteDefinition<R, S>,
  runtime: () => R,
): NextApiHandler {
  const mapError = route.mapError ?? toVerifyError;
  return async (req: NextApiRequest, res: NextApiResponse) => {
    res.setHeader('Cache-Control', 'no-store');
    if (refuseMethod(req.method, res, ['POST'])) return;
    let rt: R | undefined;
    let requestId = 'unknown';
    try {
      rt = runtime();
      requestId = rt.auth.requestIdOf(req);
      checkCsrf(rt.auth.config, req);
      const parsed = route.schema.safeParse(await bodyOf(req));
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        // A schema's own Korean words stay; its defaults are English, for a body no page sends.
        for (const issue of parsed.error.issues)
          fields[issue.path.map(String).join('.') || 'body'] ??= /[가-힣]/.test(issue.message)
            ? issue.message
            : FIELD_FORMAT_MESSAGE;
        throw invalidInput(fields);
      }
      if (rt.limits) await rt.limits.consume(route.limit, await limitKeys(rt.auth, req, res));
      const reply = await route.handle(rt, { req, res, requestId }, parsed.data as z.output<S>);
      res.status(reply.status).json(reply.body);
    } catch (error) {
      sendVerifyError(res, error, requestId, `api:${route.name}`, mapError);
    }
  };
}
