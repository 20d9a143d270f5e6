#!/usr/bin/env node
// The platform's own secrets — the api's JWT signing key, its refresh-token seal secret, the key of
// its CI hash (IDENTITY_CI_KEY: never rotate it without IDENTITY_CI_PREVIOUS_KEY, docs/auth.md), the
// internal token between the Next apps and the api, the cookie secret every Next app shares, the
// compose Redis's password (deploy/redis/start.sh) —
// generated once into a folder (mode 0700, files 0600) and never overwritten. Node's standard
// library only, so it runs anywhere Node does:
//
//   pnpm start                     tools/site keeps them under .site/secrets
//   docker compose up              the `secrets` service (the api image) writes them into the
//                                  `platform-secrets` volume before anything else starts
//   pnpm secrets:dev               ./secrets/, for deploy/compose.providers.yml
//
//   node deploy/platform-secrets.mjs <folder> [--owner <uid>:<gid>]
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** File names, as docker-compose.yml and deploy/compose.providers.yml name them. */
export const PLATFORM_SECRET_FILES = {
  jwtPrivateKey: 'api_jwt_private_key.pem',
  sealSecret: 'api_refresh_seal_secret',
  internalToken: 'api_internal_token',
  identityCiKey: 'identity_ci_key',
  cookieSecret: 'auth_cookie_secret',
  redisPassword: 'redis_password',
};

const randomSecret = () => randomBytes(32).toString('base64url');
const GENERATORS = {
  jwtPrivateKey: () =>
    generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString(),
  sealSecret: randomSecret,
  internalToken: randomSecret,
  identityCiKey: randomSecret,
  cookieSecret: randomSecret,
  // base64url: nothing a redis.conf line would need to quote.
  redisPassword: randomSecret,
};

/**
 * Makes sure every platform secret exists in `dir`; returns their paths and which were created.
 * `owner` (uid, gid) hands the files to the unprivileged user the apps run as.
 */
export function ensurePlatformSecrets(dir, owner) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const files = {};
  const created = [];
  for (const [key, name] of Object.entries(PLATFORM_SECRET_FILES)) {
    const file = path.join(dir, name);
    if (!existsSync(file)) {
      writeFileSync(file, GENERATORS[key](), { mode: 0o600, flag: 'wx' });
      created.push(name);
    }
    chmodSync(file, 0o600);
    if (owner) chownSync(file, owner.uid, owner.gid);
    files[key] = file;
  }
  return { files, created };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, flag, ownerArg] = process.argv.slice(2);
  if (!dir || (flag !== undefined && (flag !== '--owner' || !/^\d+:\d+$/.test(ownerArg ?? '')))) {
    process.stderr.write('usage: node deploy/platform-secrets.mjs <folder> [--owner <uid>:<gid>]\n');
    process.exit(2);
  }
  const owner = ownerArg
    ? { uid: Number(ownerArg.split(':')[0]), gid: Number(ownerArg.split(':')[1]) }
    : undefined;
  const { created } = ensurePlatformSecrets(path.resolve(dir), owner);
  process.stdout.write(
    created.length > 0
      ? `platform secrets: created ${created.join(', ')} in ${dir}\n`
      : `platform secrets: all present in ${dir}, none changed\n`,
  );
}
