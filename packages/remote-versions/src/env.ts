import { redisFileOptions, type RedisFileOptions } from '@mfv/redis';
/**
 * Settings of the release tools (the build step and the CLI). Plain strings checked here: the
 * package stays free of the apps' config schemas.
 *
 *   MFV_RELEASES_KEEP            releases a remote keeps serving after a build (default 5)
 *   MFV_REMOTE_PINS_FILE         the pins' file mirror (default <repo>/.site/remote-pins.json)
 *   REDIS_URL                    where pins live (default the local site's Redis), with
 *                                REDIS_PASSWORD_FILE / REDIS_TLS_CA_FILE … as @mfv/redis reads them
 *   API_INTERNAL_TOKEN[_FILE]    the shell's internal status endpoint (default the local site's)
 */
export interface ReleaseToolsEnv {
  keep: number | undefined;
  pinsFile: string | undefined;
  redisUrl: string | undefined;
  redisFiles: RedisFileOptions;
  internalToken: string | undefined;
  internalTokenFile: string | undefined;
}

export function readReleaseToolsEnv(env: Readonly<Record<string, string | undefined>> = process.env) {
  const raw = env.MFV_RELEASES_KEEP;
  const keep = raw ? Number(raw) : undefined;
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) {
    throw new Error(`MFV_RELEASES_KEEP must be a whole number ≥ 1, got "${raw}"`);
  }
  const nonEmpty = (v: string | undefined) => (v ? v : undefined);
  return {
    keep,
    pinsFile: nonEmpty(env.MFV_REMOTE_PINS_FILE),
    redisUrl: nonEmpty(env.REDIS_URL),
    redisFiles: redisFileOptions(env),
    internalToken: nonEmpty(env.API_INTERNAL_TOKEN),
    internalTokenFile: nonEmpty(env.API_INTERNAL_TOKEN_FILE),
  } satisfies ReleaseToolsEnv;
}
