export { loadConfig, ConfigError, fields } from './load.js';
export { sandboxEnvSchema, SANDBOX_FAULT_CEILING_MS, type SandboxEnv } from './sandbox.js';
export * from './api.js';
export { shellEnvSchema, type ShellEnv } from './shell.js';
export { redisEnvSchema, REDIS_URL_DEFAULT, type RedisEnv } from './redis.js';
export { authEnvSchema, DEV_AUTH_COOKIE_SECRET, type AuthEnv } from './auth.js';
