import { loadConfig, nextBuildEnvSchema, type NextBuildEnv } from '@mfv/config';

/** `next build` settings (MFV_NEXT_OUTPUT, MFV_SOURCE_MAPS), read when Next loads the config. */
export function nextBuildEnv(env: Readonly<Record<string, string | undefined>> = process.env): NextBuildEnv {
  return loadConfig('next build', nextBuildEnvSchema, env);
}
