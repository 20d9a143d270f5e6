/**
 * What every benchmark starts the same way: the built api with production
 * settings and secrets as files (as `pnpm start` runs it), and one member whose session is stored
 * the way the login route stores it.
 */
import path from 'node:path';
import { authConfigFromEnv, createAuth, SessionStore } from '@mfv/auth';
import type { RedisClient } from '@mfv/redis';
import { REPO_ROOT, Service, type localSecrets } from '@mfv/site';
import { consentsFor } from '@mfv/api-contract';

type Secrets = ReturnType<typeof localSecrets>;
type LogTarget = ConstructorParameters<typeof Service>[1];

/** The api (`dist/server.js`, NODE_ENV=production) on `port`; not started yet. */
export function apiService(port: number, secrets: Secrets, log: LogTarget): Service {
  return new Service(
    {
      name: 'api',
      command: process.execPath,
      args: ['dist/server.js'],
      cwd: path.join(REPO_ROOT, 'apps/api'),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        API_PORT: String(port),
        API_LOG_LEVEL: 'warn',
        API_JWT_PRIVATE_KEY_FILE: secrets.jwtPrivateKeyFile,
        API_REFRESH_SEAL_SECRET_FILE: secrets.sealSecretFile,
        API_INTERNAL_TOKEN_FILE: secrets.internalTokenFile,
        IDENTITY_CI_KEY_FILE: secrets.identityCiKeyFile,
      },
      readyUrl: `http://127.0.0.1:${port}/readyz`,
    },
    log,
  );
}

type Tokens = Parameters<ReturnType<typeof createAuth>['startSession']>[1];

/**
 * A new member (Kakao login + signup at the api, service credential) and their session stored in
 * Redis as the login route stores it. Returns the browser's cookies (`mfv_at`, `mfv_sid`).
 */
export async function memberSession(options: {
  apiUrl: string;
  internalToken: string;
  redisUrl: string;
  redis: RedisClient;
}): Promise<{ mfv_at: string; mfv_sid: string }> {
  const post = async (p: string, body: unknown) =>
    (await (
      await fetch(`${options.apiUrl}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.internalToken}` },
        body: JSON.stringify(body),
      })
    ).json()) as Record<string, unknown>;
  const login = await post('/auth/login/kakao', { kakaoId: String(Date.now()) });
  const tokens = (await post('/users', {
    signupTicket: login.signupTicket,
    nickname: '벤치',
    consents: consentsFor(),
  })) as never as Tokens;
  const auth = createAuth({
    config: authConfigFromEnv({ AUTH_API_URL: options.apiUrl, REDIS_URL: options.redisUrl }),
    store: new SessionStore(options.redis),
  });
  await auth.startSession({ getHeader: () => undefined, setHeader: () => {} } as never, tokens);
  return { mfv_at: tokens.accessToken, mfv_sid: tokens.sessionId };
}
