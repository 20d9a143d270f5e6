import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Secrets of a local run, generated once into a git-ignored folder (mode 0700, files 0600) and
 * handed to every process as *_FILE paths — the same way docker-compose secrets reach containers.
 */
export interface LocalSecrets {
  jwtPrivateKeyFile: string;
  sealSecretFile: string;
  internalTokenFile: string;
  cookieSecretFile: string;
}

function ensure(file: string, create: () => string): string {
  if (!existsSync(file)) writeFileSync(file, create(), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return file;
}

const randomSecret = () => randomBytes(32).toString('base64url');

export function localSecrets(dir: string): LocalSecrets {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return {
    jwtPrivateKeyFile: ensure(path.join(dir, 'api_jwt_private_key.pem'), () =>
      generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ format: 'pem', type: 'pkcs8' })
        .toString(),
    ),
    sealSecretFile: ensure(path.join(dir, 'api_refresh_seal_secret'), randomSecret),
    internalTokenFile: ensure(path.join(dir, 'api_internal_token'), randomSecret),
    cookieSecretFile: ensure(path.join(dir, 'auth_cookie_secret'), randomSecret),
  };
}
