/**
 * The verify remote's state-changing API routes, each a zod body schema and a handler over the
 * runtime. `apiRoute(name)` binds one to the process's runtime for `pages/api/…`; tests bind the
 * same definitions to a runtime of their own.
 *
 * Every route: POST only; `Cache-Control: no-store`; CSRF (Origin + the signed double-submit
 * token of @mfv/auth, bound to the session or, signed out, to the pre-session — so a person who
 * is signing up is protected the same way); a strict body; errors as `{code, message, …}`.
 */
import type { NextApiHandler, NextApiRequest, NextApiResponse } from 'next';
import { checkCsrf, logEvent, readJsonBody, reportUnexpected } from '@mfv/auth';
import { PKCE_VERIFIER_PATTERN } from '@mfv/verification/ssafy/browser';
import { z } from 'zod';
import { KCB_FAIL_PATH } from '../lib/kcb';
import { MOK_SERVICE_IDS } from '../lib/mok';
import { invalidInput, sendVerifyError } from './errors';
import { ownerOf, redeemTicket } from './handoff';
import { clientIp, type LimitAction, type LimitKeys } from './limits';
import type { Reply, RouteContext } from './mobile-ok';
import { verifyRuntime, type VerifyRuntime } from './runtime';

/** Bounds on what a person can type; the field rules proper are in lib/mok.ts. */
const text = (max: number) => z.string().max(max);

const schemas = {
  mokStart: z.strictObject({ service: z.enum(MOK_SERVICE_IDS) }),
  mokRequest: z.strictObject({
    carrier: text(16).optional(),
    name: text(100),
    phone: text(20),
    birthday: text(20).optional(),
    gender: text(1).optional(),
    nation: text(1).optional(),
    usageCode: text(5).optional(),
  }),
  mokResend: z.strictObject({}),
  mokCall: z.strictObject({}),
  mokConfirm: z.strictObject({ authNumber: text(20).optional() }),
  verificationResult: z.strictObject({ ticket: z.string().min(1).max(512) }),
  // KCB: where the callback may send the browser; checked against an allowlist (server/kcb.ts).
  kcbStart: z.strictObject({ successUrl: text(2048).optional(), failUrl: text(2048).optional() }),
  ssafyStart: z.strictObject({}),
  // SSAFY Verify: the guide's client-to-backend.json, plus the state the SDK echoed.
  ssafyVerifyToken: z.strictObject({
    code: z.string().regex(/^[\x21-\x7e]{1,2048}$/, { message: 'must be the callback code' }),
    codeVerifier: z.string().regex(PKCE_VERIFIER_PATTERN, { message: 'must be an RFC 7636 code_verifier' }),
    redirectUri: z.string().min(1).max(2048),
    iss: z.string().min(1).max(2048),
    state: z.string().min(1).max(512),
  }),
} as const;

type Schemas = typeof schemas;
export type RouteName = keyof Schemas;

type Handler<N extends RouteName> = (
  runtime: VerifyRuntime,
  ctx: RouteContext,
  body: z.output<Schemas[N]>,
) => Promise<Reply<unknown>>;

const handlers: { [N in RouteName]: Handler<N> } = {
  mokStart: (rt, ctx, body) => rt.mok.start(ctx, body.service),
  mokRequest: (rt, ctx, body) => rt.mok.request(ctx, body),
  mokResend: (rt, ctx) => rt.mok.resend(ctx),
  mokCall: (rt, ctx) => rt.mok.call(ctx),
  mokConfirm: (rt, ctx, body) => rt.mok.confirm(ctx, body.authNumber),
  verificationResult: async (rt, ctx, body) => ({
    status: 200,
    body: await redeemTicket(rt.auth, body.ticket, ctx.requestId, ctx.req, ctx.res),
  }),
  kcbStart: (rt, ctx, body) => rt.kcb.start(ctx, body),
  ssafyStart: (rt, ctx) => rt.ssafy.start(ctx),
  ssafyVerifyToken: (rt, ctx, body) => rt.ssafy.verifyToken(ctx, body),
};

/** What each route counts against (F4); the per-phone send limit is counted by MokService. */
const LIMITED: { [N in RouteName]: LimitAction } = {
  mokStart: 'start',
  kcbStart: 'start',
  ssafyStart: 'start',
  mokRequest: 'send',
  mokResend: 'send',
  mokCall: 'call',
  mokConfirm: 'confirm',
  ssafyVerifyToken: 'confirm',
  verificationResult: 'redeem',
};

/** The member (or pending signup) and the client address of a request, for the limits. */
async function limitKeys(rt: VerifyRuntime, req: NextApiRequest, res: NextApiResponse): Promise<LimitKeys> {
  const owner = await ownerOf(rt.auth, req, res);
  const member =
    typeof owner === 'object'
      ? 'userId' in owner
        ? `user:${owner.userId}`
        : `signup:${owner.signupTicket}`
      : undefined;
  return { member, ip: clientIp(req) };
}

/**
 * The JSON body, read by us (F7): every route file turns Next's parser off
 * (`export const config = { api: { bodyParser: false } }`), so a malformed, oversized or
 * non-JSON body answers 400 / 413 / 415 `{code, message}` and is logged at info.
 */
const bodyOf = async (req: NextApiRequest): Promise<unknown> => (await readJsonBody(req)) ?? {};

/** One route bound to a runtime. */
export function bindRoute<N extends RouteName>(name: N, runtime: () => VerifyRuntime): NextApiHandler {
  const schema = schemas[name];
  const handler = handlers[name] as Handler<N>;
  return async (req: NextApiRequest, res: NextApiResponse) => {
    res.setHeader('Cache-Control', 'no-store');
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      res.status(405).json({ code: 'METHOD_NOT_ALLOWED', message: 'POST만 받습니다.' });
      return;
    }
    let rt: VerifyRuntime | undefined;
    let requestId = 'unknown';
    try {
      rt = runtime();
      requestId = rt.auth.requestIdOf(req);
      checkCsrf(rt.auth.config, req);
      const parsed = schema.safeParse(await bodyOf(req));
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues)
          fields[issue.path.map(String).join('.') || 'body'] ??= issue.message;
        throw invalidInput(fields);
      }
      if (rt.limits) await rt.limits.consume(LIMITED[name], await limitKeys(rt, req, res));
      const reply = await handler(rt, { req, res, requestId }, parsed.data as z.output<Schemas[N]>);
      res.status(reply.status).json(reply.body);
    } catch (error) {
      sendVerifyError(res, error, requestId, `api:${name}`);
    }
  };
}

/** `export default apiRoute('mokStart')` in pages/api. */
export const apiRoute = (name: RouteName): NextApiHandler => bindRoute(name, verifyRuntime);

/**
 * GET /verify/api/kcb/callback?svc_tkn=… (also /verify/kcb/callback, the registered return URL,
 * by a rewrite): a top-level navigation from KCB's page, so no CSRF token — the svc_tkn must be
 * the one this browser's transaction started with. Always 303 to one of our pages: the success
 * path with a one-time ticket, or the fail path with an error code. Logs codes, never the token.
 */
export function bindKcbCallback(runtime: () => VerifyRuntime): NextApiHandler {
  return async (req: NextApiRequest, res: NextApiResponse) => {
    res.setHeader('Cache-Control', 'no-store');
    // The URL holds svc_tkn: the next page must not send it on as a Referer.
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      res.status(405).json({ code: 'METHOD_NOT_ALLOWED', message: 'GET만 받습니다.' });
      return;
    }
    let requestId = 'unknown';
    let location = `${KCB_FAIL_PATH}?code=INTERNAL`;
    try {
      const rt = runtime();
      requestId = rt.auth.requestIdOf(req);
      const svcTkn = req.query.svc_tkn;
      const outcome = await rt.kcb.callback(
        req,
        res,
        requestId,
        typeof svcTkn === 'string' ? svcTkn : undefined,
      );
      location = outcome.location;
      const error = outcome.error;
      if (error && error.status >= 500 && error.code === 'INTERNAL') {
        reportUnexpected(error.cause ?? error, requestId, 'api:kcbCallback');
      } else {
        logEvent(error && error.status >= 500 ? 'warn' : 'info', 'kcb callback', {
          requestId,
          where: 'api:kcbCallback',
          code: outcome.outcome,
        });
      }
    } catch (error) {
      reportUnexpected(error, requestId, 'api:kcbCallback');
    }
    res.setHeader('Location', location);
    res.status(303).end();
  };
}

export const kcbCallbackRoute = (): NextApiHandler => bindKcbCallback(verifyRuntime);
