import { z } from 'zod';
import { fields } from './load.js';
import { providersMode, providersModeField } from './providers.js';

/**
 * MFV_TEST_FAULTS — true serves `/test-fault` in each Next app (the shell, /verify, /user,
 * /notice): a page whose server render throws, so a browser test sees the app's real 500 page
 * (Korean, inside the site's frame, a way home). Off by default; 404 while off. Refused in a live
 * deployment (MFV_PROVIDERS=live, the default with NODE_ENV=production): the apps check it at start
 * (checkLiveConfig) and exit naming the variable. The page ships in every build, standalone too
 * (the browser suite runs against standalone builds); it imports nothing but this schema.
 */
export const testFaultsEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    MFV_PROVIDERS: providersModeField(),
    MFV_TEST_FAULTS: fields.boolean(false),
  })
  .superRefine((env, ctx) => {
    if (env.MFV_TEST_FAULTS && providersMode(env) === 'live') {
      ctx.addIssue({
        code: 'custom',
        path: ['MFV_TEST_FAULTS'],
        message: 'must not be set in a live deployment (test environments only)',
      });
    }
  });

export type TestFaultsEnv = z.infer<typeof testFaultsEnvSchema>;
