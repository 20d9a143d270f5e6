/**
 * POST /verify/api/verification/result {ticket} (`pages/api/verification/result.ts`): spends the
 * one-time ticket a completed verification handed out (./handoff.ts); answers masked fields only.
 * Every provider's flow ends here.
 */
import { z } from 'zod';
import { redeemTicket } from './handoff';
import { defineRoute, type RouteRuntime } from './http';

export const verificationResult = defineRoute({
  name: 'verificationResult',
  schema: z.strictObject({ ticket: z.string().min(1).max(512) }),
  limit: 'redeem',
  handle: async (rt: RouteRuntime, ctx, body) => ({
    status: 200,
    body: await redeemTicket(rt.auth, body.ticket, ctx.requestId, ctx.req, ctx.res),
  }),
});
