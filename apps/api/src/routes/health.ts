import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { API_PATHS, errorBodySchema, healthResponseSchema } from '@mfv/api-contract';
import type { Db } from '../db/types.js';
import { ApiError } from '../errors.js';

const READINESS_TIMEOUT_MS = 2_000;

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  /** Liveness: the process answers. Never touches the database (a DB outage must not restart us). */
  app.get(API_PATHS.healthz, { schema: { response: { 200: healthResponseSchema } } }, async () => ({
    status: 'ok' as const,
  }));

  /** Readiness: the database answers within READINESS_TIMEOUT_MS. */
  app.get(
    API_PATHS.readyz,
    { schema: { response: { 200: healthResponseSchema, 503: errorBodySchema } } },
    async (req) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          db.ping(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('database ping timed out')), READINESS_TIMEOUT_MS);
          }),
        ]);
      } catch (cause) {
        req.log.warn({ err: cause }, 'readiness check failed');
        throw new ApiError('DB_UNAVAILABLE', 'database unavailable', { cause });
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ok' as const };
    },
  );
};
