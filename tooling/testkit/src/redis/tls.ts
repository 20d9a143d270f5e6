import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../ports.js';
import { issue, makeCa } from '../tls.js';
import { spawnServer, type RedisServerProcess } from './process.js';
import { baseArgs, REDIS_SERVER_BIN } from './standalone.js';

export interface TlsRedisServerProcess extends RedisServerProcess {
  /** Port of the TLS listener (the plain `port` stays open for set-up and checks). */
  readonly tlsPort: number;
  /** PEM of the throw-away CA that signed the server certificate (SAN IP:127.0.0.1). */
  readonly ca: string;
  /** `rediss://127.0.0.1:<tlsPort>` */
  readonly tlsUrl: string;
}

/**
 * A `redis-server` with a TLS listener, its certificate signed by a test CA made for this server
 * alone (valid one day). Clients are not asked for certificates.
 */
export async function startTlsRedisServer(
  options: { password?: string } = {},
): Promise<TlsRedisServerProcess> {
  const port = await freePort();
  const tlsPort = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'mfv-redis-tls-'));
  try {
    const ca = makeCa(dir, 'mfv-test-ca', { days: 1 });
    const cert = issue(dir, ca, 'server', { kind: 'server', days: 1 });
    const args = [
      ...baseArgs(port, dir),
      '--tls-port',
      String(tlsPort),
      '--tls-cert-file',
      cert.certPath,
      '--tls-key-file',
      cert.keyPath,
      '--tls-ca-cert-file',
      ca.certPath,
      '--tls-auth-clients',
      'no',
      ...(options.password ? ['--requirepass', options.password] : []),
    ];
    const server = await spawnServer(REDIS_SERVER_BIN, port, dir, args, true);
    return Object.assign(server, { tlsPort, ca: ca.cert, tlsUrl: `rediss://127.0.0.1:${tlsPort}` });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
