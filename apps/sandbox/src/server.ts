import { ConfigError } from '@mfv/config';
import { loadSandboxEnv, sandboxOptionsFromEnv } from './env.js';
import { installShutdown, startServer } from './lifecycle.js';

/** Entry point: `node dist/server.js` (or `tsx watch src/server.ts`). JSON logs on stdout. */
async function main(): Promise<void> {
  const env = loadSandboxEnv();
  const running = await startServer({
    ...sandboxOptionsFromEnv(env),
    host: env.SANDBOX_HOST,
    port: env.SANDBOX_PORT,
    logger: { level: env.SANDBOX_LOG_LEVEL },
  });
  installShutdown(running.app, process);
  running.app.log.info(
    { kauth: `${running.url}/kakao/kauth`, kapi: `${running.url}/kakao/kapi` },
    'sandbox ready: point Kakao base URLs here',
  );
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
