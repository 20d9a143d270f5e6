/**
 * One user-app process for login-limit-processes.test.ts: the real login start routes
 * (GET /user/api/login/kakao) behind Next's API resolver, configured from the
 * environment as `pnpm start` configures them. Prints `{"port": N}` once listening.
 * Run with `node --import tsx test/login-limit-server.ts`.
 */
import { apiRoutes, serve } from './support/serve';

const handle = apiRoutes({
  '/user/api/login/kakao': (await import('../src/pages/api/login/kakao')).default,
});
const served = await serve((req, res) => {
  res.setHeader('x-served-by', String(process.pid));
  handle(req, res);
});
process.stdout.write(`${JSON.stringify({ port: served.port })}\n`);
process.on('SIGTERM', () => {
  void served.close().then(() => process.exit(0));
});
