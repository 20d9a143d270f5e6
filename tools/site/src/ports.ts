import net from 'node:net';

export class PortBusyError extends Error {
  override name = 'PortBusyError';
  constructor(
    readonly service: string,
    readonly port: number,
    readonly envVar: string,
  ) {
    super(
      `port ${port} (${service}) is already in use; stop whatever holds it or set ${envVar} to another port`,
    );
  }
}

/** Resolves true when nothing listens on host:port (we could bind it ourselves). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.once('listening', () => probe.close(() => resolve(true)));
    probe.listen(port, host);
  });
}

export async function assertPortsFree(
  ports: { service: string; port: number; envVar: string }[],
): Promise<void> {
  const busy: PortBusyError[] = [];
  for (const { service, port, envVar } of ports) {
    if (!(await isPortFree(port))) busy.push(new PortBusyError(service, port, envVar));
  }
  if (busy.length === 1) throw busy[0];
  if (busy.length > 1) {
    throw new PortBusyError(
      busy.map((b) => b.service).join(', '),
      busy[0]!.port,
      busy.map((b) => b.envVar).join(' / '),
    );
  }
}
