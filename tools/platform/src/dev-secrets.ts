/**
 * `pnpm secrets:dev [--dir <folder>]`: the ./secrets/ files docker-compose.yml mounts, generated for a local stack
 * (`docker compose --profile sandbox up`). Never overwrites a file that exists; mode 0600 in a
 * 0700 folder. Production secrets come from your secret store, not from here.
 *
 *   api_jwt_private_key.pem, api_refresh_seal_secret, api_internal_token, identity_ci_key,
 *   auth_cookie_secret
 *     random, as `pnpm start` makes them (@mfv/site's localSecrets);
 *   toss_decrypt_key, toss_decrypt_aad, toss_unlink_basic_auth
 *     random (production refuses the sandbox's published values, even from a file);
 *   mtls_client_cert.pem, mtls_client_key.pem, mtls_ca.pem
 *     a self-signed P-256 client certificate (390 days) that loads, so the user app starts; it is
 *     not one Toss (or the sandbox's CA) accepts — Toss login needs the console's certificate.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { localSecrets, REPO_ROOT } from '@mfv/site';

const dirArg = process.argv.indexOf('--dir');
const dir = dirArg > 0 ? path.resolve(process.argv[dirArg + 1]!) : path.join(REPO_ROOT, 'secrets');
const made: string[] = [];
const kept: string[] = [];

function ensure(name: string, create: (file: string) => void): void {
  const file = path.join(dir, name);
  if (existsSync(file)) {
    kept.push(name);
    return;
  }
  create(file);
  chmodSync(file, 0o600);
  made.push(name);
}

const before = new Set(
  [
    'api_jwt_private_key.pem',
    'api_refresh_seal_secret',
    'api_internal_token',
    'identity_ci_key',
    'auth_cookie_secret',
  ].filter((f) => existsSync(path.join(dir, f))),
);
localSecrets(dir);
for (const f of [
  'api_jwt_private_key.pem',
  'api_refresh_seal_secret',
  'api_internal_token',
  'identity_ci_key',
  'auth_cookie_secret',
]) {
  (before.has(f) ? kept : made).push(f);
}

ensure('toss_decrypt_key', (file) =>
  writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx' }),
);
ensure('toss_decrypt_aad', (file) =>
  writeFileSync(file, `${randomBytes(16).toString('hex')}\n`, { flag: 'wx' }),
);
ensure('toss_unlink_basic_auth', (file) =>
  writeFileSync(file, `toss-unlink:${randomBytes(24).toString('base64url')}\n`, { flag: 'wx' }),
);
ensure('mtls_client_key.pem', (keyFile) => {
  const certFile = path.join(dir, 'mtls_client_cert.pem');
  execFileSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '390',
    '-subj',
    '/CN=mfv-local-compose-client',
  ]);
  chmodSync(certFile, 0o600);
  made.push('mtls_client_cert.pem');
});
ensure('mtls_ca.pem', (file) => copyFileSync(path.join(dir, 'mtls_client_cert.pem'), file));

process.stdout.write(
  [
    `secrets in ${dir}`,
    made.length ? `  made: ${made.join(', ')}` : '',
    kept.length ? `  kept: ${kept.join(', ')}` : '',
    'The images run as uid 1000 (node): on Linux, `sudo chown -R 1000:1000 secrets` so the',
    'containers can read these 0600 files.',
    '',
  ]
    .filter(Boolean)
    .join('\n') + '\n',
);
