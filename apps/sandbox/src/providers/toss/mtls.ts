import { randomUUID } from 'node:crypto';
import { type TLSSocket } from 'node:tls';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { plainJsonShape } from '../../error-shape.js';
import { type FaultInjector, registerHeaderFaults } from '../../faults.js';
import { TOSS_LOGIN_API_PREFIX, registerTossApi } from './api.js';
import { type TossContext, type TossTlsMaterial } from './context.js';

/**
 * The partner API of https://apps-in-toss-api.toss.im as its own HTTPS listener, which refuses
 * every TLS handshake without a client certificate signed by the configured CA (Toss requires
 * mTLS for the server-side login API: Toss mTLS 인증서 가이드): `requestCert: true, rejectUnauthorized: true`.
 * A peer without a certificate, or with one from another CA, or an expired one, never reaches
 * HTTP. TLS 1.2 at least.
 */
export function buildTossMtlsApp(
  ctx: TossContext,
  deps: { tls: TossTlsMaterial; injector: FaultInjector; logger?: FastifyServerOptions['logger'] },
): FastifyInstance {
  const app = Fastify({
    logger: deps.logger ?? false,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    https: {
      key: deps.tls.key,
      cert: deps.tls.cert,
      ca: deps.tls.ca,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      handshakeTimeout: 10_000,
    },
  });
  registerTlsConnectionReaper(app);
  registerHeaderFaults(app, deps.injector);

  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const code = error.statusCode;
    const status = code !== undefined && code >= 400 && code <= 599 ? code : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ err: error }, 'request rejected');
    const shape = request.routeOptions.config.errorShape ?? plainJsonShape;
    const message = status >= 500 ? 'internal sandbox error' : error.message;
    return reply.code(status).type(shape.contentType).send(shape.error(status, message));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type(plainJsonShape.contentType)
      .send(
        JSON.stringify({
          error: 'not_found',
          message: `no sandbox route for ${request.method} ${request.url.split('?')[0]}`,
        }),
      ),
  );
  void app.register(async (api) => registerTossApi(api, ctx), { prefix: TOSS_LOGIN_API_PREFIX });
  return app;
}

/**
 * The TLS twin of `connections.ts`: on close, sockets with no request in flight are destroyed at
 * once (a client's idle keep-alive socket would otherwise hold close() open); sockets serving a
 * request finish it first. HTTPS requests run on the socket of 'secureConnection'.
 */
function registerTlsConnectionReaper(app: FastifyInstance): void {
  const inFlight = new Map<TLSSocket, number>();
  app.server.on('secureConnection', (socket: TLSSocket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  const change = (socket: TLSSocket, by: number) => {
    const count = inFlight.get(socket);
    if (count !== undefined) inFlight.set(socket, Math.max(0, count + by));
  };
  app.addHook('onRequest', async (request) => change(request.raw.socket as TLSSocket, +1));
  app.addHook('onResponse', async (request) => change(request.raw.socket as TLSSocket, -1));
  app.addHook('preClose', (done) => {
    for (const [socket, count] of inFlight) if (count === 0) socket.destroy();
    done();
  });
}
