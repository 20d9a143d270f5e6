import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  API_PATHS,
  changeConsentParamsSchema,
  changeConsentRequestSchema,
  changeConsentResponseSchema,
  createUserRequestSchema,
  createUserResponseSchema,
  errorBodySchema,
  meResponseSchema,
  myConsentsResponseSchema,
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
    async (req) => services.accounts.signup(req.body.signupTicket, req.body.nickname, req.body.consents),
  );

  app.get(
    API_PATHS.me,
    {
      onRequest: requireAccessToken(services.sessions),
      schema: { response: { 200: meResponseSchema, 401: errorBodySchema, 404: errorBodySchema } },
    },
    async (req) => services.accounts.me(claimsOf(req).sub),
  );

  app.get(
    API_PATHS.myConsents,
    {
      onRequest: requireAccessToken(services.sessions),
      schema: { response: { 200: myConsentsResponseSchema, 401: errorBodySchema } },
    },
    async (req) => services.consents.mine(claimsOf(req).sub),
  );

  app.put(
    `${API_PATHS.myConsents}/:item`,
    {
      onRequest: requireAccessToken(services.sessions),
      schema: {
        params: changeConsentParamsSchema,
        body: changeConsentRequestSchema,
        response: {
          200: changeConsentResponseSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (req) =>
      services.consents.change(claimsOf(req).sub, req.params.item, req.body.agreed, req.body.version),
  );
};
