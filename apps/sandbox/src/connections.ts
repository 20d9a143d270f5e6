import { type Socket } from 'node:net';
import { type FastifyInstance } from 'fastify';

/**
 * Makes close() prompt. Node's server.close() ends idle keep-alive sockets, but not a socket a
 * client opened and never sent a request on (HTTP clients pre-open them, e.g. after an aborted
 * request), and such a socket holds close() open until the client gives up. On close, every socket
 * with no request in flight is destroyed; sockets still serving a request finish it first.
 */
export function registerConnectionReaper(app: FastifyInstance): void {
  const inFlight = new Map<Socket, number>();
  app.server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  const change = (socket: Socket, by: number) => {
    const count = inFlight.get(socket);
    if (count !== undefined) inFlight.set(socket, Math.max(0, count + by));
  };
  app.addHook('onRequest', async (request) => change(request.raw.socket, +1));
  app.addHook('onResponse', async (request) => change(request.raw.socket, -1));
  app.addHook('preClose', (done) => {
    for (const [socket, count] of inFlight) if (count === 0) socket.destroy();
    done();
  });
}
