import { buildApp } from './app.js';
import { migrate, openDb } from './db/index.js';
import { loadApiEnv, type ApiEnv } from './env.js';
import { createLogger } from './logger.js';
import { createCiKeyring, rawCiBackfill } from './identity/ci-hash.js';
import { resolveSecrets } from './secrets.js';
import { initSentry } from './sentry.js';
import { loadKeySet } from './tokens/keys.js';

/**
 * The api process: configuration, logger, database, migrations, listen, graceful shutdown.
 * Everything about routes lives in app.ts.
 */
async function main(env: ApiEnv): Promise<void> {
  const logger = createLogger(env.API_LOG_LEVEL);
  const reporter = initSentry(env);
  logger.info({ sentry: reporter ? 'enabled' : 'disabled (no SENTRY_DSN)' }, 'error reporting');
  const secrets = await resolveSecrets(env, env.API_DEV_DATA_DIR);
  for (const note of secrets.notes) logger.warn(note);
  const keys = await loadKeySet(secrets.signingKey, secrets.previousKey);

  const db = await openDb({ databaseUrl: env.DATABASE_URL, pgliteDataDir: env.API_PGLITE_DATA_DIR });
  const ciKeys = createCiKeyring(secrets.ciKey, secrets.previousCiKey);
  // Rows from before the CI hash hold the raw CI: hashed, then forgotten, right before migration
  // 009 drops the column (counts only in the log).
  const applied = await migrate(
    db,
    undefined,
    rawCiBackfill(ciKeys, (keyed) => {
      if (keyed > 0) logger.info({ keyed }, 'raw CI of earlier verifications replaced by its keyed hash');
    }),
  );
  logger.info(
    { driver: db.driver, persistent: db.driver === 'pg' || env.API_PGLITE_DATA_DIR !== undefined, applied },
    'database ready',
  );

  const app = await buildApp({
    db,
    keys,
    sealSecret: secrets.sealSecret,
    internalToken: secrets.internalToken,
    ciKeys,
    settings: {
      issuer: env.API_JWT_ISSUER,
      audience: env.API_JWT_AUDIENCE,
      accessTokenTtlSeconds: env.API_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: env.API_REFRESH_TOKEN_TTL_SECONDS,
      refreshGraceSeconds: env.API_REFRESH_GRACE_SECONDS,
      signupTicketTtlSeconds: env.API_SIGNUP_TICKET_TTL_SECONDS,
    },
    logger,
    sealSweepIntervalMs: Math.max(1_000, env.API_REFRESH_GRACE_SECONDS * 1_000),
    retentionSweepIntervalMs: 10 * 60_000,
    ...(reporter
      ? {
          onUnexpectedError: (error: unknown, req: { id: string; method: string; url: string }) =>
            reporter.capture(error, req),
        }
      : {}),
  });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: env.API_SHUTDOWN_TIMEOUT_MS }, 'graceful shutdown timed out; exiting');
      process.exit(1);
    }, env.API_SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    // Fastify answers 503 to new requests and closes idle keep-alive connections at once
    // (forceCloseConnections: 'idle'); in-flight requests finish; then the database, then Sentry.
    app
      .close()
      .then(() => db.close())
      .then(() => reporter?.close(1_000))
      .then(() => {
        clearTimeout(deadline);
        logger.info('stopped');
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  try {
    await app.listen({ port: env.API_PORT, host: env.API_HOST });
  } catch (err) {
    await db.close();
    throw err;
  }
}

let env: ApiEnv;
try {
  env = loadApiEnv();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

main(env).catch((err: unknown) => {
  createLogger('fatal').fatal({ err }, err instanceof Error ? err.message : 'api failed to start');
  process.exit(1);
});
