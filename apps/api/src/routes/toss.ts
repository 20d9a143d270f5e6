import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  API_PATHS,
  errorBodySchema,
  revokeIdentitySessionsRequestSchema,
  revokeIdentitySessionsResponseSchema,
  tossLoginRequestSchema,
  tossLoginResponseSchema,
} from '@mfv/api-contract';
import { requireServiceCredential } from '../auth/guards.js';
import type { ApiServices } from '../services/index.js';

/**
 * Toss login (apps-in-toss) and provider unlinks, both server-to-server (service credential):
 *
 * - POST /auth/login/toss `{userKey, ci?}` — the user remote verified the person with Toss over mTLS;
 *   a member linked to `toss:<userKey>` gets a session, anyone else a signup ticket (the same
 *   answers and signup as Kakao, `identities(provider, subject, user_id)`) — with the offer to link
 *   to the member who already is this person, when login-me's CI says so (docs/auth.md).
 * - POST /auth/identities/revoke-sessions `{provider, subject}` — the provider's unlink callback:
 *   every session of the linked member ends (see services/identity-sessions.ts).
 */
export const tossRoutes: FastifyPluginAsyncZod<{ services: ApiServices; internalToken: string }> = async (
  app,
  { services, internalToken },
) => {
  const service = requireServiceCredential(internalToken);

  app.post(
    API_PATHS.loginToss,
    {
      onRequest: service,
      schema: {
        body: tossLoginRequestSchema,
        response: { 200: tossLoginResponseSchema, 400: errorBodySchema, 401: errorBodySchema },
      },
    },
    // No profile: the platform keeps nothing from Toss but the userKey (the user remote prefills
    // the signup form from its own sealed cookie) and the keyed hash of the CI, when given.
    async (req) => services.accounts.loginWithProvider('toss', req.body.userKey, {}, req.body.ci),
  );

  app.post(
    API_PATHS.revokeIdentitySessions,
    {
      onRequest: service,
      schema: {
        body: revokeIdentitySessionsRequestSchema,
        response: { 200: revokeIdentitySessionsResponseSchema, 400: errorBodySchema, 401: errorBodySchema },
      },
    },
    async (req) => {
      const result = await services.identitySessions.revokeAll(req.body.provider, req.body.subject);
      // Counts only: the subject identifies a person at the provider and stays out of the logs.
      req.log.info(
        {
          provider: req.body.provider,
          linked: result.linked,
          revokedSessions: result.revokedSessionIds.length,
          cancelledSignupTickets: result.cancelledSignupTickets,
        },
        'sessions revoked for a provider identity',
      );
      return result;
    },
  );
};
