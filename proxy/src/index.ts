export { createDevProxy, type DevProxyOptions } from './dev-proxy.js';
export {
  composeUpstreams,
  renderComposeNginxConfig,
  renderNginxConfig,
  type NginxConfigOptions,
} from './nginx.js';
export { upstreamsFromTopology, type Upstreams } from './upstreams.js';
export { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';
