/**
 * Real Redis servers for tests: standalone, TLS, a Sentinel group or a Cluster, each module one
 * kind; process control, the probe client and redis-cli apart.
 */
export { REDIS_CLI_BIN, runCli } from './cli.js';
export { CLUSTER_BUS_PORT_OFFSET, freeClusterPort, startCluster, type ClusterGroup } from './cluster.js';
export { SERVER_START_TIMEOUT_MS, SERVER_STOP_TIMEOUT_MS, type RedisServerProcess } from './process.js';
export { rawCommand } from './resp.js';
export {
  REDIS_SENTINEL_BIN,
  startSentinelGroup,
  type SentinelGroup,
  type SentinelGroupOptions,
} from './sentinel.js';
export { REDIS_SERVER_BIN, startRedisServer, type StartRedisServerOptions } from './standalone.js';
export { startTlsRedisServer, type TlsRedisServerProcess } from './tls.js';
