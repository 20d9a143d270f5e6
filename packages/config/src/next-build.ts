import { z } from 'zod';
import { fields } from './load.js';

/**
 * Read by `next build` of every Next app (packages/next-config), never at run time.
 *
 *   MFV_NEXT_OUTPUT   default (a `.next` folder that `next start` serves — the local runner and
 *                     the tests) | standalone (`.next/standalone/apps/<app>/server.js` with the
 *                     traced production dependencies — the container images; see Dockerfile)
 *   MFV_SOURCE_MAPS   emit browser source maps (default false). The image build turns it on only
 *                     when a Sentry upload is configured, uploads them and deletes them from the
 *                     served static folder (deploy/sentry-sourcemaps.sh).
 */
export const nextBuildEnvSchema = z.object({
  MFV_NEXT_OUTPUT: z.enum(['default', 'standalone']).default('default'),
  MFV_SOURCE_MAPS: fields.boolean(false),
});

export type NextBuildEnv = z.infer<typeof nextBuildEnvSchema>;
