/**
 * The KCB API routes: POST /verify/api/kcb/start (`pages/api/kcb/start.ts`) and KCB's return URL,
 * GET /verify/kcb/callback (rewritten in next.config.mjs to `pages/api/kcb/callback.ts`). Each
 * hands over to the KcbService method that does the work (./service.ts).
 */
import type { NextApiHandler, NextApiRequest, NextApiResponse } from 'next';
import { logEvent, reportUnexpected, refuseMethod } from '@mfv/auth';
import { z } from 'zod';
import { defineRoute, text } from '../../core/http';
import type { VerifyRuntime } from '../../runtime';
import { KCB_FAIL_PATH } from './rules';

/**
 * POST /verify/api/kcb/start {successUrl?, failUrl?} — popup-start with the fixed return URL; a
 * transaction bound to this browser; answers the form for KCB's page. Where the callback may
 * send the browser is checked against an allowlist (`allowedReturnPath`, ./service.ts).
 */
export const kcbStart = defineRoute({
  name: 'kcbStart',
  schema: z.strictObject({ successUrl: text(2048).optional(), failUrl: text(2048).optional() }),
  limit: 'start',
  handle: (rt: VerifyRuntime, ctx, body) => rt.kcb.start(ctx, body),
});

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
    if (refuseMethod(req.method, res, ['GET'])) return;
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
