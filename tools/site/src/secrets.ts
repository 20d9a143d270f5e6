import { ensurePlatformSecrets } from '../../../deploy/platform-secrets.mjs';

/**
 * Secrets of a local run, generated once into a git-ignored folder (mode 0700, files 0600) and
 * handed to every process as *_FILE paths — the same way the compose stack's `secrets` service
 * generates them into a volume (deploy/platform-secrets.mjs does both).
 */
export interface LocalSecrets {
  jwtPrivateKeyFile: string;
  sealSecretFile: string;
  internalTokenFile: string;
  identityCiKeyFile: string;
  cookieSecretFile: string;
}

export function localSecrets(dir: string): LocalSecrets {
  const { files } = ensurePlatformSecrets(dir);
  return {
    jwtPrivateKeyFile: files.jwtPrivateKey,
    sealSecretFile: files.sealSecret,
    internalTokenFile: files.internalToken,
    identityCiKeyFile: files.identityCiKey,
    cookieSecretFile: files.cookieSecret,
  };
}
