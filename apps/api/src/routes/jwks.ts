import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { API_PATHS, jwksSchema } from '@mfv/api-contract';
import type { AccessTokens } from '../tokens/access.js';

/** Verifiers re-fetch on an unknown `kid`, so a short cache is enough to pick up a rotation. */
const JWKS_MAX_AGE_SECONDS = 300;

export const jwksRoutes: FastifyPluginAsyncZod<{ accessTokens: AccessTokens }> = async (
  app,
  { accessTokens },
) => {
  app.get(API_PATHS.jwks, { schema: { response: { 200: jwksSchema } } }, async (_req, reply) => {
    reply.header('cache-control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`);
    return accessTokens.jwks();
  });
};
