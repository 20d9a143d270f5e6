/**
 * Free loopback ports for tests and local tools. A port is free when `listen()` gets it; it may be
 * taken again before the caller binds it, so callers bind soon after and tolerate a retry.
 */
import { createServer } from 'node:net';

/** A TCP port nobody listens on right now on 127.0.0.1 (the kernel's choice for `listen(0)`). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Whether `port` on 127.0.0.1 can be bound right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
