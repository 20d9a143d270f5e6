import { copyFile, chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateToken, TossTransportError } from '@mfv/verification/toss';
import { createTossRuntimeLoader, TossUnavailableError } from '../src/server/toss-runtime';
import { appLogin, captureLogs, Jar, settingsFrom, startWorld, tossLoginAs, type World } from './toss-kit';

/**
 * The mTLS client as the user remote configures it (MTLS_* variables → @mfv/mtls → the Toss
 * client's undici dispatcher), against the sandbox's partner-API listener, which requires a client
 * certificate signed by its dev CA.
 */
let world: World;

beforeAll(async () => {
  world = await startWorld();
}, 60_000);

afterAll(async () => {
  await world?.close();
});

const loaderFor = (overrides: Record<string, string | undefined>) => {
  const settings = settingsFrom({ ...world.env, ...overrides });
  return createTossRuntimeLoader(() => settings);
};

async function codeFor(persona: string) {
  return appLogin(world.sandbox.url, persona);
}

describe('the user app’s Toss client over mTLS', () => {
  it('with the dev client certificate, key and CA from the configuration: generate-token succeeds', async () => {
    const loader = loaderFor({});
    const runtime = await loader.get();
    expect(runtime.credentials.sources).toEqual({
      cert: `file:${world.pki.paths.client.cert}`,
      key: `file:${world.pki.paths.client.key}`,
      ca: `file:${world.pki.paths.ca.cert}`,
    });
    const q = await codeFor('kim-minjun');
    const tokens = await generateToken(runtime.client, {
      authorizationCode: q.authorizationCode!,
      referrer: q.referrer!,
    });
    expect(tokens.accessToken).toEqual(expect.any(String));
    await loader.close();
  });

  it('the same listener refuses a connection that presents no client certificate', async () => {
    const ca = await readFile(world.pki.paths.ca.cert, 'utf8');
    const url = `${world.sandbox.tossMtlsUrl}/api-partner/v1/apps-in-toss/user/oauth2/generate-token`;
    // The server is trusted (the same CA the app uses); only the client certificate is missing.
    const outcome = await new Promise<string>((resolve) => {
      const req = request(url, {
        method: 'POST',
        ca,
        agent: false,
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', (res) => resolve(`answered ${res.statusCode}`));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(`refused: ${error.code ?? error.message}`));
      req.end(JSON.stringify({ authorizationCode: 'x', referrer: 'sandbox' }));
    });
    expect(outcome).toMatch(/^refused: /);
  });

  it('a client certificate from another CA: the handshake fails, the login page says to retry later', async () => {
    const loader = loaderFor({
      MTLS_CERT_FILE: world.pki.foreign.cert,
      MTLS_KEY_FILE: world.pki.foreign.key,
    });
    // The certificate itself is fine for @mfv/mtls (valid, matches its key): the sandbox refuses it.
    const runtime = await loader.get();
    const q = await codeFor('kim-minjun');
    const error = await generateToken(runtime.client, {
      authorizationCode: q.authorizationCode!,
      referrer: q.referrer!,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TossTransportError);
    expect((error as TossTransportError).code).toBe('TOSS_NETWORK');

    const jar = new Jar();
    const deps = { auth: world.auth, settings: () => runtime.settings, runtime: loader };
    const { outcome } = await tossLoginAs(deps, world.sandbox.url, jar, 'kim-minjun');
    expect(outcome).toMatchObject({
      kind: 'error',
      code: 'TOSS_NETWORK',
      message: '토스 서버와 통신하지 못했어요. 잠시 후 다시 시도해 주세요.',
    });
    await loader.close();
  });

  it('a CA bundle that does not issue the server’s certificate: the app refuses the server', async () => {
    const otherCa = path.join(world.pki.dir, 'other-ca.crt');
    const loader = loaderFor({ MTLS_CA_FILE: otherCa });
    const runtime = await loader.get();
    const q = await codeFor('kim-minjun');
    await expect(
      generateToken(runtime.client, { authorizationCode: q.authorizationCode!, referrer: q.referrer! }),
    ).rejects.toMatchObject({ code: 'TOSS_NETWORK' });
    await loader.close();
  });

  it('PEM text in MTLS_CERT / MTLS_KEY / MTLS_CA works too (one-line secrets with \\n escapes)', async () => {
    const [cert, key, ca] = await Promise.all(
      [world.pki.paths.client.cert, world.pki.paths.client.key, world.pki.paths.ca.cert].map((f) =>
        readFile(f, 'utf8'),
      ),
    );
    const loader = loaderFor({
      MTLS_CERT_FILE: undefined,
      MTLS_KEY_FILE: undefined,
      MTLS_CA_FILE: undefined,
      MTLS_CERT: cert!.replace(/\n/g, '\\n'),
      MTLS_KEY: key!,
      MTLS_CA: ca!,
    });
    const runtime = await loader.get();
    expect(runtime.credentials.sources).toEqual({ cert: 'env', key: 'env', ca: 'env' });
    const q = await codeFor('kim-minjun');
    await expect(
      generateToken(runtime.client, { authorizationCode: q.authorizationCode!, referrer: q.referrer! }),
    ).resolves.toMatchObject({ accessToken: expect.any(String) });
    await loader.close();
  });

  it('Docker secrets (/run/secrets/mtls_client_cert, …) are found without any MTLS_*_FILE', async () => {
    const secrets = path.join(world.pki.dir, 'run-secrets');
    await mkdir(secrets, { recursive: true });
    await copyFile(world.pki.paths.client.cert, path.join(secrets, 'mtls_client_cert'));
    await copyFile(world.pki.paths.client.key, path.join(secrets, 'mtls_client_key'));
    await chmod(path.join(secrets, 'mtls_client_key'), 0o600);
    await copyFile(world.pki.paths.ca.cert, path.join(secrets, 'mtls_ca'));
    const loader = loaderFor({
      MTLS_CERT_FILE: undefined,
      MTLS_KEY_FILE: undefined,
      MTLS_CA_FILE: undefined,
      MTLS_SECRETS_DIR: secrets,
    });
    const runtime = await loader.get();
    expect(runtime.credentials.sources.key).toBe(`secret:${path.join(secrets, 'mtls_client_key')}`);
    // A secret key file readable by others is refused like any key file.
    await chmod(path.join(secrets, 'mtls_client_key'), 0o644);
    const strict = loaderFor({
      MTLS_CERT_FILE: undefined,
      MTLS_KEY_FILE: undefined,
      MTLS_CA_FILE: undefined,
      MTLS_SECRETS_DIR: secrets,
    });
    await expect(strict.get()).rejects.toMatchObject({ code: 'MTLS_KEY_FILE_PERMISSIONS' });
    await loader.close();
  });
});

describe('refusals at the first use (boot) and on the health endpoint', () => {
  it('a key file with mode 0644: refused with a message naming the file; health 503; fixed → healthy without a restart', async () => {
    const key = path.join(world.pki.dir, 'loose.key');
    await copyFile(world.pki.paths.client.key, key);
    await chmod(key, 0o644);
    const loader = loaderFor({ MTLS_KEY_FILE: key });
    const logs = captureLogs();
    let error: unknown;
    let health;
    try {
      error = await loader.get().catch((e: unknown) => e);
      health = await loader.health();
    } finally {
      logs.restore();
    }
    expect(error).toBeInstanceOf(TossUnavailableError);
    expect(error).toMatchObject({ code: 'MTLS_KEY_FILE_PERMISSIONS' });
    expect((error as Error).message).toContain(key);
    expect((error as Error).message).toContain('0644');
    expect(health).toEqual({
      status: 'error',
      mtls: { error: 'MTLS_KEY_FILE_PERMISSIONS', message: expect.stringContaining(key) },
    });
    const logged = logs.lines.find((l) => l.msg === 'toss login unavailable: mTLS client cannot be built');
    expect(logged).toMatchObject({ level: 'error', code: 'MTLS_KEY_FILE_PERMISSIONS' });
    expect(String(logged?.reason)).toContain(key);
    // Never the key itself in a log line.
    const pem = await readFile(key, 'utf8');
    expect(logs.text()).not.toContain(pem.split('\n')[1]!);

    await chmod(key, 0o600);
    expect(await loader.health()).toEqual({
      status: 'ok',
      mtls: { notAfter: expect.any(String), daysLeft: expect.any(Number) },
    });
    await loader.close();
  });

  it('no certificate anywhere: MTLS_MATERIAL_MISSING, naming the variables and the Docker secret', async () => {
    const loader = loaderFor({
      MTLS_CERT_FILE: undefined,
      MTLS_KEY_FILE: undefined,
      MTLS_CA_FILE: undefined,
    });
    const health = await loader.health();
    expect(health).toMatchObject({ status: 'error', mtls: { error: 'MTLS_MATERIAL_MISSING' } });
    expect(health.status === 'error' && health.mtls.message).toMatch(
      /MTLS_CERT_FILE or MTLS_CERT.*mtls_client_cert/,
    );
  });

  it('a key that is not the certificate’s: MTLS_KEY_MISMATCH', async () => {
    const loader = loaderFor({ MTLS_KEY_FILE: world.pki.foreign.key });
    await expect(loader.get()).rejects.toMatchObject({ code: 'MTLS_KEY_MISMATCH' });
  });

  it('a certificate that ends within 30 days: a warning at load, daysLeft on the health endpoint', async () => {
    const loader = loaderFor({
      MTLS_CERT_FILE: world.pki.expiring.cert,
      MTLS_KEY_FILE: world.pki.expiring.key,
    });
    const logs = captureLogs();
    let health;
    try {
      health = await loader.health();
    } finally {
      logs.restore();
    }
    expect(health).toEqual({
      status: 'ok',
      mtls: { notAfter: expect.any(String), daysLeft: expect.any(Number) },
    });
    const daysLeft = health!.status === 'ok' ? health!.mtls.daysLeft : -1;
    expect(daysLeft).toBeGreaterThanOrEqual(9);
    expect(daysLeft).toBeLessThan(11);
    const warning = logs.lines.find((l) => l.level === 'warn' && l.component === 'toss-mtls');
    expect(warning).toMatchObject({ daysLeft, notAfter: expect.any(String) });
    expect(String(warning?.msg)).toMatch(/expires in \d+ days .* renew it/);

    // The 390-day certificate of the dev set logs no warning.
    const fresh = loaderFor({});
    const quiet = captureLogs();
    try {
      await fresh.get();
    } finally {
      quiet.restore();
    }
    expect(quiet.lines.filter((l) => l.level === 'warn')).toEqual([]);
    await Promise.all([loader.close(), fresh.close()]);
  });

  it('a certificate that runs out while the app runs: the next use reloads, fails MTLS_CERT_EXPIRED, health 503', async () => {
    let now = new Date();
    const settings = settingsFrom({
      ...world.env,
      MTLS_CERT_FILE: world.pki.expiring.cert,
      MTLS_KEY_FILE: world.pki.expiring.key,
    });
    const loader = createTossRuntimeLoader(() => settings, { now: () => now });
    const logs = captureLogs();
    try {
      const first = await loader.get();
      expect(await loader.get()).toBe(first); // kept while valid
      now = new Date(Date.parse(first.credentials.certificate.notAfter) + 1000);
      await expect(loader.get()).rejects.toMatchObject({ code: 'MTLS_CERT_EXPIRED' });
      expect(await loader.health()).toMatchObject({ status: 'error', mtls: { error: 'MTLS_CERT_EXPIRED' } });
    } finally {
      logs.restore();
    }
    await loader.close();
  });

  it('MTLS_EXPIRY_WARNING_DAYS moves the threshold', async () => {
    const loader = loaderFor({
      MTLS_CERT_FILE: world.pki.expiring.cert,
      MTLS_KEY_FILE: world.pki.expiring.key,
      MTLS_EXPIRY_WARNING_DAYS: '5',
    });
    const logs = captureLogs();
    try {
      await loader.get();
    } finally {
      logs.restore();
    }
    expect(logs.lines.filter((l) => l.level === 'warn')).toEqual([]);
    await loader.close();
  });

  it('/user/api/healthz (the process default, from the environment): mtls {notAfter, daysLeft}, 503 on a 0644 key', async () => {
    const loose = path.join(world.pki.dir, 'healthz-loose.key');
    await copyFile(world.pki.paths.client.key, loose);
    await chmod(loose, 0o644);
    const call = async (env: Record<string, string | undefined>) => {
      // A fresh process, as far as the app can tell: new modules, no loader kept on globalThis.
      vi.resetModules();
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('mfv.user.tossRuntimeLoader')];
      for (const [k, v] of Object.entries(env)) if (v !== undefined) vi.stubEnv(k, v);
      try {
        const { default: healthz } = await import('../src/pages/api/healthz');
        let status = 0;
        let body: unknown;
        const res = {
          setHeader: () => res,
          status(code: number) {
            status = code;
            return res;
          },
          json(value: unknown) {
            body = value;
          },
        };
        const logs = captureLogs();
        try {
          await healthz({} as never, res as never);
        } finally {
          logs.restore();
        }
        return { status, body };
      } finally {
        vi.unstubAllEnvs();
      }
    };
    const ok = await call(world.env);
    expect(ok).toEqual({
      status: 200,
      body: {
        status: 'ok',
        app: 'user',
        mtls: { notAfter: expect.any(String), daysLeft: expect.any(Number) },
      },
    });
    const refused = await call({ ...world.env, MTLS_KEY_FILE: loose });
    expect(refused).toEqual({
      status: 503,
      body: {
        status: 'error',
        app: 'user',
        mtls: { error: 'MTLS_KEY_FILE_PERMISSIONS', message: expect.stringContaining(loose) },
      },
    });
    const disabled = await call({ ...world.env, TOSS_LOGIN_ENABLED: 'false' });
    expect(disabled).toEqual({ status: 200, body: { status: 'ok', app: 'user' } });
  });
});
