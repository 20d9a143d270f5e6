import { NEXT_APPS, type NextAppName, type TopologyEnv } from '@mfv/topology';

/** host:port of every app, as the proxy reaches it. */
export type Upstreams = Record<NextAppName, { host: string; port: number }>;

export function upstreamsFromTopology(env: TopologyEnv): Upstreams {
  const upstreams = {} as Upstreams;
  for (const app of NEXT_APPS) upstreams[app] = { host: env.hosts[app], port: env.ports[app] };
  return upstreams;
}
