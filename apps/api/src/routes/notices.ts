import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  API_PATHS,
  errorBodySchema,
  noticeIdParamsSchema,
  noticeResponseSchema,
  noticesQuerySchema,
  noticesReadAllResponseSchema,
  noticesResponseSchema,
  unreadCountResponseSchema,
} from '@mfv/api-contract';
import { claimsOf, requireAccessToken } from '../auth/guards.js';
import type { ApiServices } from '../services/index.js';

export const noticeRoutes: FastifyPluginAsyncZod<{ services: ApiServices }> = async (app, { services }) => {
  const bearer = requireAccessToken(services.sessions);

  app.get(
    API_PATHS.notices,
    {
      onRequest: bearer,
      schema: {
        querystring: noticesQuerySchema,
        response: { 200: noticesResponseSchema, 400: errorBodySchema, 401: errorBodySchema },
      },
    },
    async (req) => ({ items: await services.notices.list(claimsOf(req).sub, req.query.limit) }),
  );

  app.get(
    API_PATHS.noticesUnreadCount,
    { onRequest: bearer, schema: { response: { 200: unreadCountResponseSchema, 401: errorBodySchema } } },
    async (req) => ({ count: await services.notices.unreadCount(claimsOf(req).sub) }),
  );

  app.get(
    '/notices/:id',
    {
      onRequest: bearer,
      schema: {
        params: noticeIdParamsSchema,
        response: {
          200: noticeResponseSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (req) => services.notices.get(claimsOf(req).sub, req.params.id),
  );

  app.post(
    API_PATHS.noticesReadAll,
    { onRequest: bearer, schema: { response: { 200: noticesReadAllResponseSchema, 401: errorBodySchema } } },
    async (req) => ({ marked: await services.notices.markAllRead(claimsOf(req).sub) }),
  );

  app.post(
    '/notices/:id/read',
    {
      onRequest: bearer,
      schema: {
        params: noticeIdParamsSchema,
        response: { 204: z.null(), 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req, reply) => {
      await services.notices.markRead(claimsOf(req).sub, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
