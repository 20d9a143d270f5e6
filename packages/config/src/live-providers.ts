import { BlockList, isIP } from 'node:net';
import type { z } from 'zod';

/**
 * Every provider setting a live deployment (MFV_PROVIDERS=live, providers.ts) must replace, with
 * the sandbox's value — the schemas' default — and what to set instead. The schemas take their
 * defaults from here and the live guard refuses the same values, so the two cannot drift.
 *
 * `kind`: `url` must be an https URL on a public host; `domain` a public host name (mobile-ok's
 * `siteUrl`); `value` only must not be the sandbox's. `sandbox` is absent where the schema has no
 * default of its own (optional or derived values are still checked when present).
 */
export type Provider = 'mobile-ok' | 'kcb' | 'ssafy' | 'kakao' | 'toss';

export interface ProviderSetting {
  provider: Provider;
  kind: 'url' | 'domain' | 'value';
  sandbox?: string;
  /** What to set, for the error message. */
  set: string;
  /** A real-looking value (tests, docs): passes the live guard. */
  example: string;
}

export const PROVIDER_SETTINGS = {
  // mobile-ok 본인확인-API (guide §2.1–§2.3: domain, server IP and key file are registered per site)
  MOK_SITE_URL: {
    example: 'www.example.com',
    provider: 'mobile-ok',
    kind: 'domain',
    sandbox: 'localhost',
    set: 'the site domain registered with mobile-ok, e.g. www.example.com (an unregistered one fails with 8006)',
  },
  MOK_ARS_CODE: {
    example: 'ARS-COM-0001',
    provider: 'mobile-ok',
    kind: 'value',
    sandbox: 'ARS-SANDBOX-0001',
    set: 'the ARS code mobile-ok assigned to the site (an unknown one fails with 5034)',
  },
  MOK_CLIENT_TX_PREFIX: {
    example: 'EXCOM',
    provider: 'mobile-ok',
    kind: 'value',
    sandbox: 'MFV',
    set: "this site's own clientTxId prefix, 1–8 letters or digits",
  },
  // KCB (ok-name)
  KCB_API_BASE_URL: {
    example: 'https://api.ok-name.co.kr:20443',
    provider: 'kcb',
    kind: 'url',
    sandbox: 'http://127.0.0.1:4100/kcb/api',
    set: 'https://api.ok-name.co.kr:20443 (test https://tapi.ok-name.co.kr:40443)',
  },
  KCB_POPUP_URL: {
    example: 'https://safe.ok-name.co.kr/CommonSvl',
    provider: 'kcb',
    kind: 'url',
    sandbox: 'http://127.0.0.1:4100/kcb/safe/CommonSvl',
    set: 'https://safe.ok-name.co.kr/CommonSvl',
  },
  KCB_MEMBER_CODE: {
    example: 'P00000000001',
    provider: 'kcb',
    kind: 'value',
    sandbox: 'SBX000000001',
    set: 'the member code (idcf_mbr_com_cd) KCB issued',
  },
  KCB_CLIENT_ID: {
    example: 'example-kcb-client-01',
    provider: 'kcb',
    kind: 'value',
    sandbox: 'sandbox-kcb-client',
    set: 'the OAuth client id KCB issued',
  },
  KCB_SITE_URL: {
    example: 'https://www.example.com',
    provider: 'kcb',
    kind: 'url',
    sandbox: 'http://localhost:8080',
    set: "the site's public https origin, as registered with KCB",
  },
  KCB_RETURN_URL: {
    example: 'https://www.example.com/verify/kcb/callback',
    provider: 'kcb',
    kind: 'url',
    sandbox: 'http://localhost:8080/verify/kcb/callback',
    set: 'https://<site>/verify/kcb/callback, as registered with KCB',
  },
  // SSAFY Verify
  SSAFY_ISSUER: {
    example: 'https://verify.myknow.xyz',
    provider: 'ssafy',
    kind: 'url',
    sandbox: 'http://127.0.0.1:4100/ssafy',
    set: 'https://verify.myknow.xyz',
  },
  SSAFY_CLIENT_ID: {
    example: 'example-site',
    provider: 'ssafy',
    kind: 'value',
    sandbox: 'sandbox-ssafy-client',
    set: 'the client id SSAFY Verify registered for this site',
  },
  SSAFY_REDIRECT_URI: {
    example: 'https://www.example.com/verify/ssafy/callback',
    provider: 'ssafy',
    kind: 'url',
    sandbox: 'http://localhost:8080/verify/ssafy/callback',
    set: "https://<site>/verify/ssafy/callback, registered exactly in the client's settings",
  },
  SSAFY_JWKS_URI: {
    example: 'https://verify.myknow.xyz/.well-known/jwks.json',
    provider: 'ssafy',
    kind: 'url',
    set: "the issuer's JWKS (unset: <SSAFY_ISSUER>/.well-known/jwks.json)",
  },
  SSAFY_SDK_URL: {
    example: 'https://verify.myknow.xyz/sdk/ssafy-verify.js',
    provider: 'ssafy',
    kind: 'url',
    set: "the issuer's hosted SDK (unset: <SSAFY_ISSUER>/sdk/ssafy-verify.js)",
  },
  // Kakao login
  KAKAO_CLIENT_ID: {
    example: '0123456789abcdef0123456789abcdef',
    provider: 'kakao',
    kind: 'value',
    sandbox: 'sandbox-kakao-client',
    set: "the Kakao app's REST API key",
  },
  KAKAO_AUTHORIZE_BASE_URL: {
    example: 'https://kauth.kakao.com',
    provider: 'kakao',
    kind: 'url',
    sandbox: 'http://localhost:4100/kakao/kauth',
    set: 'https://kauth.kakao.com',
  },
  KAKAO_TOKEN_BASE_URL: {
    example: 'https://kauth.kakao.com',
    provider: 'kakao',
    kind: 'url',
    sandbox: 'http://127.0.0.1:4100/kakao/kauth',
    set: 'https://kauth.kakao.com',
  },
  KAKAO_API_BASE_URL: {
    example: 'https://kapi.kakao.com',
    provider: 'kakao',
    kind: 'url',
    sandbox: 'http://127.0.0.1:4100/kakao/kapi',
    set: 'https://kapi.kakao.com',
  },
  KAKAO_REDIRECT_URI: {
    example: 'https://www.example.com/user/login/kakao/callback',
    provider: 'kakao',
    kind: 'url',
    set: 'https://<site>/user/login/kakao/callback, registered in the Kakao app (or set AUTH_PUBLIC_ORIGIN to the https origin)',
  },
  // Toss login (apps-in-toss)
  TOSS_API_BASE_URL: {
    example: 'https://apps-in-toss-api.toss.im',
    provider: 'toss',
    kind: 'url',
    sandbox: 'https://127.0.0.1:4443',
    set: 'https://apps-in-toss-api.toss.im (or TOSS_LOGIN_ENABLED=false)',
  },
} as const satisfies Record<string, ProviderSetting>;

export type ProviderVariable = keyof typeof PROVIDER_SETTINGS;

/** A real-looking value of every setting (tests and docs): what a live deployment looks like. */
export const LIVE_PROVIDER_EXAMPLES = Object.fromEntries(
  Object.entries(PROVIDER_SETTINGS).map(([name, s]) => [name, s.example]),
) as Readonly<Record<ProviderVariable, string>>;

/** The sandbox's value of each setting that has one (the schemas' defaults), by variable. */
export const SANDBOX_PROVIDER_DEFAULTS: Readonly<Partial<Record<ProviderVariable, string>>> =
  Object.fromEntries(
    Object.entries(PROVIDER_SETTINGS as Record<string, ProviderSetting>)
      .filter(([, s]) => s.sandbox !== undefined)
      .map(([name, s]) => [name, s.sandbox]),
  );

const PRIVATE_NETWORKS = new BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE_NETWORKS.addSubnet(address, prefix, 'ipv4');
}
for (const [address, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE_NETWORKS.addSubnet(address, prefix, 'ipv6');
}

/** Names that never reach a public host (RFC 6761, RFC 6762, RFC 8375, ICANN's .internal). */
const PRIVATE_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa', 'test', 'invalid', 'example'];

/**
 * Why `hostname` cannot be a provider's (or a provider-registered) public host, or undefined when
 * it can: loopback and private addresses, local-only names, single-label names (a compose
 * service, `sandbox`).
 */
export function privateHostReason(hostname: string): string | undefined {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const family = isIP(host);
  if (family !== 0) {
    // IPv4-mapped IPv6 (the URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1): no provider is
    // addressed that way. (A BlockList IPv6 rule for them would also match every IPv4 address.)
    if (family === 6 && host.startsWith('::ffff:')) return 'an IPv4-mapped address';
    return PRIVATE_NETWORKS.check(host, family === 4 ? 'ipv4' : 'ipv6')
      ? 'a loopback or private address'
      : undefined;
  }
  if (PRIVATE_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) {
    return 'a local-only name';
  }
  if (!host.includes('.')) return 'a single-label name, not a public host';
  return undefined;
}

/** The host of mobile-ok's `siteUrl` (a domain, perhaps with a port, scheme or path). */
function domainHost(value: string): string {
  const withoutScheme = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = withoutScheme.split('/')[0] ?? '';
  return authority.startsWith('[')
    ? authority.slice(0, authority.indexOf(']') + 1)
    : authority.split(':')[0]!;
}

/** Why `value` is not fit for live providers, or undefined. Never echoes anything but hosts. */
export function liveProblem(name: ProviderVariable, value: string): string | undefined {
  const setting: ProviderSetting = PROVIDER_SETTINGS[name];
  if (setting.sandbox !== undefined && value.trim() === setting.sandbox) {
    return `is the sandbox's value (${setting.sandbox})`;
  }
  if (setting.kind === 'value') return undefined;
  let host: string;
  if (setting.kind === 'url') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return 'is not an absolute URL';
    }
    host = url.hostname;
    const reason = privateHostReason(host);
    if (reason) return `points at ${host}, ${reason}`;
    if (url.protocol !== 'https:') return 'must use https';
    return undefined;
  }
  host = domainHost(value);
  const reason = privateHostReason(host);
  return reason ? `names ${host}, ${reason}` : undefined;
}

/**
 * Refinement options of the live guard: it runs even when other variables are malformed, so one
 * error lists every problem at once (zod skips refinements after a failed field by default).
 */
export const LIVE_GUARD = { when: () => true } as const;

/**
 * The live guard: one issue per unfit variable, each naming what to set and where the provider's
 * go-live checklist is. `values` holds the parsed values (derived ones included).
 */
export function checkLiveProviders(
  values: Partial<Record<ProviderVariable, unknown>>,
  ctx: z.RefinementCtx,
): void {
  for (const [name, value] of Object.entries(values) as [ProviderVariable, unknown][]) {
    // Run even when other variables are malformed (LIVE_GUARD below): skip what is not a string
    // yet, and a variable that already has its own format problem.
    if (typeof value !== 'string' || ctx.issues.some((issue) => issue.path?.[0] === name)) continue;
    const problem = liveProblem(name, value);
    if (problem === undefined) continue;
    const setting: ProviderSetting = PROVIDER_SETTINGS[name];
    ctx.addIssue({
      code: 'custom',
      path: [name],
      message: `${problem} while MFV_PROVIDERS is live: set ${setting.set} (docs/providers/${setting.provider}.md, "Going live")`,
    });
  }
}
