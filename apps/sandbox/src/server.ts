import { ConfigError, type SandboxEnv } from '@mfv/config';
import { type SandboxOptions } from './app.js';
import { loadSandboxEnv, sandboxOptionsFromEnv, tossMtlsDirFromEnv } from './env.js';
import { installShutdown, startServer } from './lifecycle.js';
import { TOSS_LOGIN_API_PREFIX, withDevMtls } from './providers/toss/index.js';
import { mokBaseUrl } from './providers/mobile-ok/index.js';

/** Entry point: `node dist/server.js` (or `tsx watch src/server.ts`). JSON logs on stdout. */
async function main(): Promise<void> {
  const env = loadSandboxEnv();
  const running = await startServer({
    ...sandboxOptionsFromEnv(env),
    ...(await tossMtlsFromEnv(env)),
    host: env.SANDBOX_HOST,
    port: env.SANDBOX_PORT,
    logger: { level: env.SANDBOX_LOG_LEVEL },
  });
  installShutdown(running.app, process);
  if (running.tossMtlsUrl !== undefined) {
    running.app.log.info(
      {
        baseUrl: running.tossMtlsUrl,
        loginApi: `${running.tossMtlsUrl}${TOSS_LOGIN_API_PREFIX}`,
        bridge: `${running.url}/toss/bridge.js?persona=<id>`,
        certificates: tossMtlsDirFromEnv(env),
      },
      'sandbox ready: Toss partner API (client certificate client.crt/client.key, CA ca.crt)',
    );
  }
  running.app.log.info(
    { kauth: `${running.url}/kakao/kauth`, kapi: `${running.url}/kakao/kapi` },
    'sandbox ready: point Kakao base URLs here',
  );
  const mok = running.app.sandbox.mobileOk;
  if (mok !== undefined) {
    running.app.log.info(
      { baseUrl: mokBaseUrl(running.url), keyFile: mok.keys?.keyFile, serviceId: mok.serviceId },
      'sandbox ready: mobile-ok client environment "sandbox" with this key file (password: SANDBOX_MOK_KEYFILE_PASSWORD)',
    );
  }
}

/**
 * Toss: the partner API's mTLS listener, with the dev CA, server and client certificates made on
 * first start (or whenever one of the files is missing) in SANDBOX_TOSS_MTLS_DIR.
 */
async function tossMtlsFromEnv(env: SandboxEnv): Promise<Pick<SandboxOptions, 'toss'>> {
  const toss = sandboxOptionsFromEnv(env).toss;
  if (toss === undefined) return {};
  return { toss: await withDevMtls(toss, tossMtlsDirFromEnv(env), env.SANDBOX_TOSS_MTLS_PORT) };
}

main().catch((err: unknown) => {
  // Same JSON-lines shape as the app's logs (pino level 60 = fatal). A ConfigError message names
  // each bad variable and never echoes values.
  const msg =
    err instanceof ConfigError
      ? err.message
      : err instanceof Error
        ? (err.stack ?? err.message)
        : String(err);
  process.stderr.write(`${JSON.stringify({ level: 60, time: Date.now(), msg })}\n`);
  process.exitCode = 1;
});
