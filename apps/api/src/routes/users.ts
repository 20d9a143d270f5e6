import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  API_PATHS,
  createUserRequestSchema,
  createUserResponseSchema,
  errorBodySchema,
  meResponseSchema,
} from '@mfv/api-contract';
import { claimsOf, requireAccessToken, requireServiceCredential } from '../auth/guards.js';
import type { ApiServices } from '../services/index.js';

export const userRoutes: FastifyPluginAsyncZod<{ services: ApiServices; internalToken: string }> = async (
  app,
  { services, internalToken },
) => {
  app.post(
    API_PATHS.users,
    {
      onRequest: requireServiceCredential(internalToken),
      schema: {
        body: createUserRequestSchema,
        response: {
          200: createUserResponseSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (req) => services.accounts.signup(req.body.signupTicket, req.body.nickname),
  );

  app.get(
    API_PATHS.me,
    {
      onRequest: requireAccessToken(services.sessions),
      schema: { response: { 200: meResponseSchema, 401: errorBodySchema, 404: errorBodySchema } },
    },
    async (req) => services.accounts.me(claimsOf(req).sub),
  );
};
