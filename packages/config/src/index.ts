export { loadConfig, ConfigError, fields } from './load.js';
export { checkLiveConfig } from './boot.js';
export { providersMode, PROVIDERS_MODES, type ProvidersMode } from './providers.js';
export {
  PROVIDER_SETTINGS,
  LIVE_PROVIDER_EXAMPLES,
  SANDBOX_PROVIDER_DEFAULTS,
  liveProblem,
  privateHostReason,
  type Provider,
  type ProviderSetting,
  type ProviderVariable,
} from './live-providers.js';
export { sandboxEnvSchema, SANDBOX_FAULT_CEILING_MS, type SandboxEnv } from './sandbox.js';
export { SANDBOX_TOSS_DEV_DECRYPT_KEY, SANDBOX_TOSS_DEV_AAD } from './sandbox.js';
export * from './api.js';
export { shellEnvSchema, type ShellEnv } from './shell.js';
export { redisEnvSchema, REDIS_URL_DEFAULT, type RedisEnv } from './redis.js';
export { authEnvSchema, DEV_AUTH_COOKIE_SECRET, type AuthEnv } from './auth.js';
export { userEnvSchema, DEV_TOSS_UNLINK_BASIC_AUTH, type UserEnv } from './user.js';
export { verificationEnvSchema, DEV_KCB_CLIENT_SECRET, type VerificationEnv } from './verification.js';
export { noticeEnvSchema, type NoticeEnv } from './notice.js';
export { testFaultsEnvSchema, type TestFaultsEnv } from './test-faults.js';
export {
  verifyEnvSchema,
  MOK_DEV_KEY_PASSWORD,
  MOK_SANDBOX_DEFAULT_BASE_URL,
  type VerifyEnv,
} from './verify.js';
export { sentryEnvSchema, type SentryEnv } from './sentry.js';
export { nextBuildEnvSchema, type NextBuildEnv } from './next-build.js';
export { RATE_LIMIT_DEFAULTS, USER_RATE_LIMIT_DEFAULTS, type RateLimitSetting } from './rate-limits.js';
