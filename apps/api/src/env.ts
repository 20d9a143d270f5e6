import { apiEnvSchema, loadConfig, type ApiEnv } from '@mfv/config';

export type { ApiEnv };

/** The api's environment, validated; throws a ConfigError naming every bad variable. */
export function loadApiEnv(env: Readonly<Record<string, string | undefined>> = process.env): ApiEnv {
  return loadConfig('api', apiEnvSchema, env);
}
