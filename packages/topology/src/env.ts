import {
  APPS,
  BACKENDS,
  DEFAULT_LOCAL_REDIS_PORT,
  DEFAULT_SANDBOX_MTLS_PORT,
  DEFAULT_PROXY_PORT,
  NEXT_APPS,
  type BackendName,
  type NextAppName,
} from './apps.js';

/**
 * Per-environment overrides of the topology. Ports and internal hosts differ between a
 * laptop (127.0.0.1 and the default ports) and docker-compose (service names); the shape
 * of the site does not.
 *
 *   MFV_PROXY_PORT            public port of the local proxy (default 8080)
 *   MFV_<APP>_PORT            port an app listens on (default from APPS)
 *   MFV_<APP>_HOST            host other servers use to reach the app (default 127.0.0.1)
 *   MFV_API_PORT / MFV_SANDBOX_PORT   ports of the internal services in local runs (4000 / 4100)
 *   MFV_SANDBOX_MTLS_PORT     the sandbox's mTLS listener (default 4443)
 *   MFV_REDIS_PORT            the Redis a local run starts when REDIS_URL is unset (default 6380)
 */
export interface TopologyEnv {
  proxyPort: number;
  ports: Record<NextAppName, number>;
  hosts: Record<NextAppName, string>;
  backendPorts: Record<BackendName, number>;
  sandboxMtlsPort: number;
  redisPort: number;
}

export class TopologyConfigError extends Error {
  override name = 'TopologyConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

function parsePort(env: Env, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new TopologyConfigError(`${key} must be a port number between 1 and 65535, got "${raw}"`);
  }
  return port;
}

function parseHost(env: Env, key: string): string {
  const raw = env[key];
  if (raw === undefined || raw === '') return '127.0.0.1';
  if (!/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/.test(raw)) {
    throw new TopologyConfigError(`${key} must be a host name or address, got "${raw}"`);
  }
  return raw;
}

export function readTopologyEnv(env: Env = process.env): TopologyEnv {
  const ports = {} as Record<NextAppName, number>;
  const hosts = {} as Record<NextAppName, string>;
  for (const name of NEXT_APPS) {
    const upper = name.toUpperCase();
    ports[name] = parsePort(env, `MFV_${upper}_PORT`, APPS[name].port);
    hosts[name] = parseHost(env, `MFV_${upper}_HOST`);
  }
  const proxyPort = parsePort(env, 'MFV_PROXY_PORT', DEFAULT_PROXY_PORT);
  const backendPorts = {
    api: parsePort(env, 'MFV_API_PORT', BACKENDS.api.port),
    sandbox: parsePort(env, 'MFV_SANDBOX_PORT', BACKENDS.sandbox.port),
  };
  const redisPort = parsePort(env, 'MFV_REDIS_PORT', DEFAULT_LOCAL_REDIS_PORT);
  const sandboxMtlsPort = parsePort(env, 'MFV_SANDBOX_MTLS_PORT', DEFAULT_SANDBOX_MTLS_PORT);
  // Two listeners on one host cannot share a port (docker-compose gives each app its own host).
  const seen = new Map<string, string>([[`127.0.0.1:${proxyPort}`, 'proxy']]);
  for (const [name, port] of [
    ...Object.entries(backendPorts),
    ['redis', redisPort] as const,
    ['sandbox-mtls', sandboxMtlsPort] as const,
  ]) {
    const key = `127.0.0.1:${port}`;
    const other = seen.get(key);
    if (other) throw new TopologyConfigError(`${name} and ${other} are both configured for ${key}`);
    seen.set(key, name);
  }
  for (const name of NEXT_APPS) {
    const key = `${hosts[name]}:${ports[name]}`;
    const other = seen.get(key);
    if (other) throw new TopologyConfigError(`${name} and ${other} are both configured for ${key}`);
    seen.set(key, name);
  }
  return { proxyPort, ports, hosts, backendPorts, sandboxMtlsPort, redisPort };
}
