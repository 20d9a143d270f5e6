/**
 * The user app's route files over real HTTP on a free port, as `next start` runs them: API routes
 * behind Next's own API resolver (body parsing off, as the routes declare), for the login-limit and
 * Toss login tests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NextApiHandler } from 'next';
import { apiResolver } from 'next/dist/server/api-utils/node/api-resolver.js';

const API_CONTEXT = { previewModeId: '', previewModeEncryptionKey: '', previewModeSigningKey: '' };

/** A request listener that hands each request to the API route of its path (site-wide paths). */
export function apiRoutes(routes: Record<string, NextApiHandler>): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://user.test');
    void apiResolver(
      req,
      res,
      Object.fromEntries(url.searchParams),
      { default: routes[url.pathname], config: { api: { bodyParser: false } } },
      API_CONTEXT as never,
      false,
      false,
      url.pathname,
    );
  };
}

export interface Served {
  /** `http://127.0.0.1:<port>` */
  base: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1. */
export async function serve(listener: http.RequestListener): Promise<Served> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
