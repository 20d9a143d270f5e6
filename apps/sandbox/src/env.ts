import { loadConfig, sandboxEnvSchema, type SandboxEnv } from '@mfv/config';
import { type SandboxOptions } from './app.js';

/** The only place the sandbox reads process.env; fails naming each bad variable (ConfigError). */
export function loadSandboxEnv(env: Readonly<Record<string, string | undefined>> = process.env): SandboxEnv {
  return loadConfig('sandbox', sandboxEnvSchema, env);
}

/** App options from validated env: one registered Kakao app. */
export function sandboxOptionsFromEnv(env: SandboxEnv): SandboxOptions {
  return {
    faultMaxMs: env.SANDBOX_FAULT_MAX_MS,
    kakao: {
      apps: [
        {
          clientId: env.SANDBOX_KAKAO_CLIENT_ID,
          redirectUris: env.SANDBOX_KAKAO_REDIRECT_URIS,
          name: '샌드박스 앱',
          ...(env.SANDBOX_KAKAO_CLIENT_SECRET !== undefined
            ? { clientSecret: env.SANDBOX_KAKAO_CLIENT_SECRET }
            : {}),
        },
      ],
    },
  };
}
