import { readFileSync } from 'node:fs';
import { loadConfig, userEnvSchema, type UserEnv } from '@mfv/config';
import type { KakaoConfig } from '@mfv/verification/kakao';
import { tossSettingsFromEnv, type TossSettings } from './toss-config';

let cached: UserEnv | undefined;

/** Read on first use (never at import: `next build` imports every page). */
export function userEnv(): UserEnv {
  return (cached ??= loadConfig('user', userEnvSchema));
}

export function kakaoConfig(): KakaoConfig {
  const env = userEnv();
  const secret =
    env.KAKAO_CLIENT_SECRET ??
    (env.KAKAO_CLIENT_SECRET_FILE ? readFileSync(env.KAKAO_CLIENT_SECRET_FILE, 'utf8').trim() : undefined);
  return {
    clientId: env.KAKAO_CLIENT_ID,
    ...(secret ? { clientSecret: secret } : {}),
    authorizeBaseUrl: env.KAKAO_AUTHORIZE_BASE_URL,
    tokenBaseUrl: env.KAKAO_TOKEN_BASE_URL,
    apiBaseUrl: env.KAKAO_API_BASE_URL,
    redirectUri: env.KAKAO_REDIRECT_URI,
    timeoutMs: env.KAKAO_TIMEOUT_MS,
  };
}

let toss: TossSettings | undefined;

/** Toss login settings, secrets read from their files on first use (see toss-config.ts). */
export function tossSettings(): TossSettings {
  return (toss ??= tossSettingsFromEnv(userEnv()));
}
