export {
  createRedis,
  closeRedis,
  waitForRedis,
  isCluster,
  redisClientInfo,
  type RedisClient,
  type RedisCommands,
  type CreateRedisOptions,
  type RedisLogger,
} from './client.js';
export { REDIS_DEFAULTS, type RedisTimeouts } from './defaults.js';
export {
  RedisUnavailableError,
  REDIS_UNAVAILABLE,
  REDIS_RETRY_AFTER_SECONDS,
  isRedisUnavailable,
  toRedisUnavailable,
  withRedis,
} from './errors.js';
export { redisHealth, type RedisHealth } from './health.js';
export { keyspace, hashTag, KEY_SEPARATOR, type Keyspace, type KeyPart } from './keyspace.js';
export {
  parseRedisUrl,
  describeRedisTarget,
  RedisUrlError,
  REDIS_URL_ERROR_CODE,
  REDIS_URL_SCHEMES,
  REDIS_DEFAULT_PORT,
  SENTINEL_DEFAULT_PORT,
  type RedisTarget,
  type StandaloneTarget,
  type SentinelTarget,
  type ClusterTarget,
  type HostPort,
  type RedisUrlScheme,
} from './url.js';
export {
  redisFileOptions,
  RedisConfigError,
  REDIS_CONFIG_ERROR_CODE,
  REDIS_FILE_VARIABLES,
  type RedisFileOptions,
} from './secrets.js';
