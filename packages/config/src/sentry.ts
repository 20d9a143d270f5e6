import { z } from 'zod';

/**
 * Error reporting, the same for every server (the four Next apps and the api). Without a DSN
 * nothing is initialised, nothing is sent and nothing breaks.
 *
 *   SENTRY_DSN            project DSN (optional)
 *   SENTRY_ENVIRONMENT    environment tag on every event (default production)
 *   SENTRY_RELEASE        release tag (optional; e.g. the image's git commit) — source maps
 *                         uploaded at image build time use debug ids, so they match without it
 */
export const sentryEnvSchema = z.object({
  SENTRY_DSN: z.url({ message: 'must be a Sentry DSN URL' }).optional(),
  SENTRY_ENVIRONMENT: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, { message: 'must be 1–64 letters, digits, . _ or -' })
    .default('production'),
  SENTRY_RELEASE: z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, { message: 'must be 1–200 printable ASCII characters without spaces' })
    .optional(),
});

export type SentryEnv = z.infer<typeof sentryEnvSchema>;
