/** Types of deploy/platform-secrets.mjs (plain ESM, run as-is inside the container images). */
export declare const PLATFORM_SECRET_FILES: {
  readonly jwtPrivateKey: string;
  readonly sealSecret: string;
  readonly internalToken: string;
  readonly identityCiKey: string;
  readonly cookieSecret: string;
  readonly redisPassword: string;
};
export declare function ensurePlatformSecrets(
  dir: string,
  owner?: { uid: number; gid: number },
): {
  files: {
    jwtPrivateKey: string;
    sealSecret: string;
    internalToken: string;
    identityCiKey: string;
    cookieSecret: string;
    redisPassword: string;
  };
  created: string[];
};
