import { type AddressInfo } from 'node:net';
import { type FastifyInstance } from 'fastify';
import { buildApp, type SandboxOptions } from './app.js';

export interface RunningSandbox {
  readonly app: FastifyInstance;
  /** http://host:port the server listens on (the real port when asked for port 0). */
  readonly url: string;
  /** https://host:port of the Toss mTLS listener, when `toss.mtls` is configured (the real port for port 0). */
  readonly tossMtlsUrl?: string;
  close(): Promise<void>;
}

/** Builds the app and listens. Port 0 picks a free port (tests). */
export async function startServer(
  options: SandboxOptions & { host: string; port: number },
): Promise<RunningSandbox> {
  const app = buildApp(options);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (err) {
    await app.close();
    throw err;
  }
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  // Toss: the partner API's HTTPS listener (client certificate required), same host, its own port.
  // It closes with the app (an onClose hook of the Toss emulator).
  let tossMtlsUrl: string | undefined;
  const mtlsApp = app.sandbox.toss?.mtlsApp;
  if (mtlsApp !== undefined && options.toss?.mtls !== undefined) {
    try {
      await mtlsApp.listen({ host: options.host, port: options.toss.mtls.port });
    } catch (err) {
      await app.close();
      throw err;
    }
    const tls = mtlsApp.server.address() as AddressInfo;
    tossMtlsUrl = `https://${tls.family === 'IPv6' ? `[${tls.address}]` : tls.address}:${tls.port}`;
  }
  return {
    app,
    url: `http://${host}:${address.port}`,
    ...(tossMtlsUrl !== undefined ? { tossMtlsUrl } : {}),
    close: () => app.close(),
  };
}

/** The part of `process` shutdown needs; tests pass a stand-in. */
export interface ShutdownHost {
  once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): void;
}

/** What shutdown needs of the app (a FastifyInstance has it). */
export interface Closable {
  close(): PromiseLike<unknown>;
  readonly log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/**
 * On SIGINT/SIGTERM: stop accepting, drop requests held by faults, let in-flight requests finish,
 * then exit 0. If closing takes longer than `timeoutMs`, exit 1 rather than hang.
 */
export function installShutdown(app: Closable, host: ShutdownHost, timeoutMs = 10_000): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'sandbox shutting down');
    const force = setTimeout(() => {
      app.log.error({ timeoutMs }, 'sandbox did not close in time; exiting');
      host.exit(1);
    }, timeoutMs);
    force.unref();
    app.close().then(
      () => {
        clearTimeout(force);
        host.exit(0);
      },
      (err: unknown) => {
        clearTimeout(force);
        app.log.error({ err }, 'sandbox failed to close');
        host.exit(1);
      },
    );
  };
  host.once('SIGINT', () => shutdown('SIGINT'));
  host.once('SIGTERM', () => shutdown('SIGTERM'));
}
