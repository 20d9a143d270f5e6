import { loadConfig, sandboxEnvSchema, type SandboxEnv } from '@mfv/config';
import { type SandboxOptions } from './app.js';
import { DEFAULT_TOSS_MTLS_DIR } from './providers/toss/certs.js';
import { defaultMokKeyDir } from './providers/mobile-ok/keys.js';

/** The only place the sandbox reads process.env; fails naming each bad variable (ConfigError). */
export function loadSandboxEnv(env: Readonly<Record<string, string | undefined>> = process.env): SandboxEnv {
  return loadConfig('sandbox', sandboxEnvSchema, env);
}

/** App options from validated env: one registered Kakao app. */
export function sandboxOptionsFromEnv(env: SandboxEnv): SandboxOptions {
  return {
    faultMaxMs: env.SANDBOX_FAULT_MAX_MS,
    // KCB: one member (회원사); SSAFY Verify: one client; Toss: the WebView bridge emulator and the unlink
    // trigger (server.ts adds the mTLS listener, with the dev certificates of tossMtlsDirFromEnv).
    kcb: {
      clients: [
        {
          clientId: env.SANDBOX_KCB_CLIENT_ID,
          clientSecret: env.SANDBOX_KCB_CLIENT_SECRET,
          memberCode: env.SANDBOX_KCB_MEMBER_CODE,
          returnUrls: env.SANDBOX_KCB_RETURN_URLS,
        },
      ],
    },
    ssafy: {
      issuer: env.SANDBOX_SSAFY_ISSUER,
      clients: [
        {
          clientId: env.SANDBOX_SSAFY_CLIENT_ID,
          redirectUris: env.SANDBOX_SSAFY_REDIRECT_URIS,
          name: '샌드박스 앱',
          ...(env.SANDBOX_SSAFY_CLIENT_SECRET !== undefined
            ? { clientSecret: env.SANDBOX_SSAFY_CLIENT_SECRET }
            : {}),
        },
      ],
    },
    toss: {
      decryptKey: Buffer.from(env.SANDBOX_TOSS_DECRYPT_KEY, 'base64'),
      aad: env.SANDBOX_TOSS_AAD,
      unlink: {
        ...(env.SANDBOX_TOSS_UNLINK_CALLBACK_URL !== undefined
          ? { url: env.SANDBOX_TOSS_UNLINK_CALLBACK_URL }
          : {}),
        basicAuth: splitBasicAuth(env.SANDBOX_TOSS_UNLINK_BASIC_AUTH),
      },
    },
    // mobile-ok: one registered service; dev keys in SANDBOX_MOK_KEY_DIR or <repo>/.sandbox-dev/mok.
    mobileOk: {
      serviceId: env.SANDBOX_MOK_SERVICE_ID,
      siteUrls: env.SANDBOX_MOK_SITE_URLS,
      arsCodes: env.SANDBOX_MOK_ARS_CODES,
      keys: {
        dir: env.SANDBOX_MOK_KEY_DIR ?? defaultMokKeyDir(),
        password: env.SANDBOX_MOK_KEYFILE_PASSWORD,
      },
    },
    kakao: {
      apps: [
        {
          clientId: env.SANDBOX_KAKAO_CLIENT_ID,
          redirectUris: env.SANDBOX_KAKAO_REDIRECT_URIS,
          name: '샌드박스 앱',
          // The platform's app as a 카카오싱크 partner granted 연계정보 (docs/providers/kakao.md).
          ciConsentItem: true,
          ...(env.SANDBOX_KAKAO_CLIENT_SECRET !== undefined
            ? { clientSecret: env.SANDBOX_KAKAO_CLIENT_SECRET }
            : {}),
        },
      ],
    },
  };
}

/** `user:password` (validated by the schema) → its parts; the password may contain ':'. */
function splitBasicAuth(value: string): { user: string; password: string } {
  const colon = value.indexOf(':');
  return { user: value.slice(0, colon), password: value.slice(colon + 1) };
}

/** Folder of the Toss mTLS dev certificates: SANDBOX_TOSS_MTLS_DIR or <repo>/.sandbox-dev/toss-mtls. */
export function tossMtlsDirFromEnv(env: SandboxEnv): string {
  return env.SANDBOX_TOSS_MTLS_DIR ?? DEFAULT_TOSS_MTLS_DIR;
}
