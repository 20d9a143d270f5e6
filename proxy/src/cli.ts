#!/usr/bin/env node
import { readTopologyEnv } from '@mfv/topology';
import { createDevProxy } from './dev-proxy.js';
import { proxyBindHost } from './env.js';
import { renderComposeNginxConfig, renderNginxConfig } from './nginx.js';
import { upstreamsFromTopology } from './upstreams.js';

/**
 *   mfv-proxy serve               the dev proxy on MFV_PROXY_PORT (default 8080)
 *   mfv-proxy nginx [port]        print the nginx config for a container (listening on port, default 8080)
 *   mfv-proxy nginx-compose       print deploy/nginx/nginx.conf: upstreams are docker-compose services
 *                                 named after the apps, on their default ports
 */
const [command = 'serve', arg] = process.argv.slice(2);
const topology = readTopologyEnv();
const upstreams = upstreamsFromTopology(topology);

if (command === 'nginx-compose') {
  process.stdout.write(renderComposeNginxConfig());
} else if (command === 'nginx') {
  process.stdout.write(renderNginxConfig({ upstreams, listenPort: Number(arg ?? 8080), mode: 'container' }));
} else if (command === 'serve') {
  const host = proxyBindHost();
  const server = createDevProxy({ upstreams });
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      process.stderr.write(
        `proxy: port ${topology.proxyPort} is already in use (set MFV_PROXY_PORT to choose another)\n`,
      );
    } else {
      process.stderr.write(`proxy: ${error.message}\n`);
    }
    process.exit(1);
  });
  server.listen(topology.proxyPort, host, () => {
    process.stdout.write(`proxy listening on http://localhost:${topology.proxyPort}\n`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  process.stderr.write(`usage: mfv-proxy serve | mfv-proxy nginx [port]\n`);
  process.exit(2);
}
