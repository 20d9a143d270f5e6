export { startSite, REPO_ROOT, type Site, type SiteOptions, type SiteMode } from './site.js';
export { Service } from './process.js';
export { isPortFree, PortBusyError } from './ports.js';
