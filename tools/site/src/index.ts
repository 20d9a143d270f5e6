export { startSite, REPO_ROOT, type Site, type SiteOptions, type SiteMode } from './site.js';
export { Service } from './process.js';
export { isPortFree, PortBusyError } from './ports.js';
export { resolveRedis, RedisMissingError, type LocalRedis } from './redis.js';
export { localSecrets, type LocalSecrets } from './secrets.js';
