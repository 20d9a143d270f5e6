/**
 * The mobile-ok API routes (`/verify/api/mok/…`, served by `pages/api/mok/*.ts`): each one's
 * body schema, rate limit and the MobileOkService method that handles it (./service.ts).
 */
import { z } from 'zod';
import { defineRoute, text } from '../../core/http';
import type { VerifyRuntime } from '../../runtime';
import { fromMokError } from './errors';
import { MOK_SERVICE_IDS } from './rules';

/** POST /verify/api/mok/start {service} — token/get; a new transaction bound to this browser. */
export const mokStart = defineRoute({
  name: 'mokStart',
  schema: z.strictObject({ service: z.enum(MOK_SERVICE_IDS) }),
  limit: 'start',
  handle: (rt: VerifyRuntime, ctx, body) => rt.mok.start(ctx, body.service),
  mapError: fromMokError,
});

/** POST /verify/api/mok/request {carrier, name, phone, …} — auth/request: the SMS, PASS push or ARS number. */
export const mokRequest = defineRoute({
  name: 'mokRequest',
  schema: z.strictObject({
    carrier: text(16).optional(),
    name: text(100),
    phone: text(20),
    birthday: text(20).optional(),
    gender: text(1).optional(),
    nation: text(1).optional(),
    usageCode: text(5).optional(),
  }),
  limit: 'send',
  handle: (rt: VerifyRuntime, ctx, body) => rt.mok.request(ctx, body),
  mapError: fromMokError,
});

/** POST /verify/api/mok/resend — auth/resend while re-sends are left. */
export const mokResend = defineRoute({
  name: 'mokResend',
  schema: z.strictObject({}),
  limit: 'send',
  handle: (rt: VerifyRuntime, ctx) => rt.mok.resend(ctx),
  mapError: fromMokError,
});

/** POST /verify/api/mok/call — auth/call: the ARS call. */
export const mokCall = defineRoute({
  name: 'mokCall',
  schema: z.strictObject({}),
  limit: 'call',
  handle: (rt: VerifyRuntime, ctx) => rt.mok.call(ctx),
  mapError: fromMokError,
});

/** POST /verify/api/mok/confirm {authNumber?} — confirm/request (the OTP), result checks, hand-off → one-time ticket. */
export const mokConfirm = defineRoute({
  name: 'mokConfirm',
  schema: z.strictObject({ authNumber: text(20).optional() }),
  limit: 'confirm',
  handle: (rt: VerifyRuntime, ctx, body) => rt.mok.confirm(ctx, body.authNumber),
  mapError: fromMokError,
});
