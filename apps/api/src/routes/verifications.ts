import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  API_PATHS,
  createVerificationRequestSchema,
  createVerificationResponseSchema,
  errorBodySchema,
  redeemVerificationRequestSchema,
  redeemVerificationResponseSchema,
  verificationStatusSchema,
} from '@mfv/api-contract';
import { claimsOf, requireAccessToken, requireServiceCredential } from '../auth/guards.js';
import type { Sessions } from '../services/sessions.js';
import type { Verifications } from '../services/verifications.js';

/**
 * Identity-verification hand-off (the last step of every provider flow,
 * docs/architecture.md "Identity verification"). Server-to-server only: the verify remote has opened
 * and checked the provider's result, and names the owner itself — the member from the session it
 * verified, or the signup ticket of the browser. Bodies are never logged (Fastify logs no bodies),
 * and the result ticket travels in a body, never in a URL.
 *
 * GET /verifications/me is the member's own lasting status (access token): what pages show, no more.
 */
export const verificationRoutes: FastifyPluginAsyncZod<{
  verifications: Verifications;
  sessions: Sessions;
  internalToken: string;
}> = async (app, { verifications, sessions, internalToken }) => {
  const service = requireServiceCredential(internalToken);

  app.post(
    API_PATHS.verifications,
    {
      onRequest: service,
      schema: {
        body: createVerificationRequestSchema,
        response: {
          201: createVerificationResponseSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (req, reply) => reply.code(201).send(await verifications.create(req.body)),
  );

  app.post(
    API_PATHS.verificationsRedeem,
    {
      onRequest: service,
      schema: {
        body: redeemVerificationRequestSchema,
        response: {
          200: redeemVerificationResponseSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
          410: errorBodySchema,
        },
      },
    },
    async (req) => verifications.redeem(req.body.ticket, req.body.owner),
  );

  app.get(
    API_PATHS.verificationsMe,
    {
      onRequest: requireAccessToken(sessions),
      schema: { response: { 200: verificationStatusSchema, 401: errorBodySchema } },
    },
    async (req) => verifications.statusOf(claimsOf(req).sub),
  );
};
