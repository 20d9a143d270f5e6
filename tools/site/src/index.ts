export { startSite, REPO_ROOT, type Site, type SiteOptions, type SiteMode } from './site.js';
export { Service } from './process.js';
export { isPortFree, PortBusyError } from './ports.js';
export { resolveRedis, type LocalRedis } from './redis.js';
export { startRedisStandin, type RedisStandin } from './redis-standin.js';
export { localSecrets, type LocalSecrets } from './secrets.js';
