import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  API_PATHS,
  errorBodySchema,
  kakaoLoginRequestSchema,
  kakaoLoginResponseSchema,
  linkIdentityRequestSchema,
  linkIdentityResponseSchema,
  refreshRequestSchema,
  refreshResponseSchema,
  revocationsQuerySchema,
  revocationsResponseSchema,
  verifyResponseSchema,
} from '@mfv/api-contract';
import { claimsOf, requireAccessToken, requireServiceCredential } from '../auth/guards.js';
import type { ApiServices } from '../services/index.js';

export const authRoutes: FastifyPluginAsyncZod<{ services: ApiServices; internalToken: string }> = async (
  app,
  { services, internalToken },
) => {
  const bearer = requireAccessToken(services.sessions);
  const service = requireServiceCredential(internalToken);

  app.post(
    API_PATHS.verify,
    { onRequest: bearer, schema: { response: { 200: verifyResponseSchema, 401: errorBodySchema } } },
    async (req) => ({ claims: claimsOf(req) }),
  );

  app.post(
    API_PATHS.refresh,
    {
      schema: {
        body: refreshRequestSchema,
        response: { 200: refreshResponseSchema, 400: errorBodySchema, 401: errorBodySchema },
      },
    },
    async (req) => services.sessions.refresh(req.body.refreshToken),
  );

  app.post(
    API_PATHS.logout,
    { onRequest: bearer, schema: { response: { 204: z.null(), 401: errorBodySchema } } },
    async (req, reply) => {
      await services.sessions.logout(claimsOf(req).sid);
      return reply.code(204).send(null);
    },
  );

  app.post(
    API_PATHS.logoutAll,
    { onRequest: bearer, schema: { response: { 204: z.null(), 401: errorBodySchema } } },
    async (req, reply) => {
      await services.sessions.logoutAll(claimsOf(req).sub);
      return reply.code(204).send(null);
    },
  );

  app.get(
    API_PATHS.revocations,
    {
      onRequest: service,
      schema: {
        querystring: revocationsQuerySchema,
        response: { 200: revocationsResponseSchema, 401: errorBodySchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const now = services.clock.now().getTime();
      const ttlSeconds = services.accessTokens.ttlSeconds;
      // Older revocations cannot have an access token left that verifies (plus clock skew).
      const floor = now - (ttlSeconds + 60) * 1000;
      const since = Math.max(req.query.since ?? floor, floor);
      const sessions = await services.refreshTokens.revokedSince(new Date(since));
      return { now, accessTokenTtlSeconds: ttlSeconds, sessions };
    },
  );

  app.post(
    API_PATHS.loginKakao,
    {
      onRequest: service,
      schema: {
        body: kakaoLoginRequestSchema,
        response: { 200: kakaoLoginResponseSchema, 400: errorBodySchema, 401: errorBodySchema },
      },
    },
    async (req) => {
      const { kakaoId, nickname, email, profileImageUrl, ci } = req.body;
      // `ci`: Kakao's `kakao_account.ci` when the app may read it; hashed by the accounts service
      // and never stored (docs/auth.md "One person, one member").
      return services.accounts.loginWithProvider(
        'kakao',
        String(kakaoId),
        { nickname, email, profileImageUrl },
        ci,
      );
    },
  );

  app.post(
    API_PATHS.link,
    {
      onRequest: service,
      schema: {
        body: linkIdentityRequestSchema,
        response: {
          200: linkIdentityResponseSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (req) => services.accounts.link(req.body.signupTicket, req.body.userId),
  );
};
