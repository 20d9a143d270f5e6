/**
 * Kakao Login (REST) client — the steps the user remote's login uses (Kakao Developers, "Kakao
 * Login"; developers.kakao.com REST API): the authorize URL (with `state` and PKCE S256), the
 * token exchange, and `/v2/user/me`. Base URLs come from configuration (the sandbox by
 * default; kauth.kakao.com / kapi.kakao.com in production). Send and process are split so the
 * processors take recorded responses in tests.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface KakaoConfig {
  clientId: string;
  /** Only for apps that enabled client secrets in the Kakao console. */
  clientSecret?: string;
  /** Browser-facing `https://kauth.kakao.com` (the authorize page). */
  authorizeBaseUrl: string;
  /** Server-facing `https://kauth.kakao.com` (token endpoint); may differ on an internal network. */
  tokenBaseUrl: string;
  /** `https://kapi.kakao.com` */
  apiBaseUrl: string;
  redirectUri: string;
  timeoutMs: number;
}

export class KakaoError extends Error {
  override name = 'KakaoError';
  constructor(
    readonly code:
      | 'KAKAO_ACCESS_DENIED'
      | 'KAKAO_INVALID_GRANT'
      | 'KAKAO_OAUTH_ERROR'
      | 'KAKAO_UNAUTHORIZED'
      | 'KAKAO_UNAVAILABLE'
      | 'KAKAO_INVALID_RESPONSE',
    message: string,
    options?: { cause?: unknown; providerCode?: string },
  ) {
    super(message, options);
    this.providerCode = options?.providerCode;
  }
  readonly providerCode: string | undefined;
}

/** What the person sees for each failure, in the site's one tone (~요): the login pages show these. */
export const KAKAO_USER_MESSAGES: Record<KakaoError['code'], string> = {
  KAKAO_ACCESS_DENIED: '카카오 로그인을 취소했어요.',
  KAKAO_INVALID_GRANT: '로그인 요청이 만료됐거나 이미 사용됐어요. 다시 로그인해 주세요.',
  KAKAO_OAUTH_ERROR: '카카오로 로그인하지 못했어요. 다시 시도해 주세요.',
  KAKAO_UNAUTHORIZED: '카카오 인증 정보가 맞지 않아요. 다시 로그인해 주세요.',
  KAKAO_UNAVAILABLE: '카카오가 잠시 응답하지 않아요. 잠시 후 다시 시도해 주세요.',
  KAKAO_INVALID_RESPONSE: '카카오 응답을 처리하지 못했어요. 잠시 후 다시 시도해 주세요.',
};

/** RFC 7636: a 43-character verifier and its S256 challenge. */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function createState(): string {
  return randomBytes(24).toString('base64url');
}

export function kakaoAuthorizeUrl(
  config: KakaoConfig,
  input: { state: string; codeChallenge: string },
): string {
  const url = endpoint(config.authorizeBaseUrl, '/oauth/authorize');
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    response_type: 'code',
    state: input.state,
    code_challenge: input.codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

/** `https://kauth.kakao.com` + `/oauth/token`, keeping a base path (`http://sandbox/kakao/kauth`). */
function endpoint(base: string, path: string): URL {
  const url = new URL(withSlash(base));
  url.pathname = `${url.pathname.replace(/\/$/, '')}${path}`;
  return url;
}

async function send(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    throw new KakaoError('KAKAO_UNAVAILABLE', `kakao did not answer (${new URL(url).pathname})`, { cause });
  }
}

export function requestKakaoToken(
  config: KakaoConfig,
  input: { code: string; codeVerifier: string },
): Promise<Response> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    code: input.code,
    code_verifier: input.codeVerifier,
  });
  if (config.clientSecret) body.set('client_secret', config.clientSecret);
  return send(
    endpoint(config.tokenBaseUrl, '/oauth/token').toString(),
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body },
    config.timeoutMs,
  );
}

async function readJson(res: Response): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await res.json();
  } catch (cause) {
    throw new KakaoError(
      'KAKAO_INVALID_RESPONSE',
      `kakao answered ${res.status} with a body that is not JSON`,
      { cause },
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new KakaoError('KAKAO_INVALID_RESPONSE', 'kakao answered with a JSON value that is not an object');
  }
  return body as Record<string, unknown>;
}

export interface KakaoTokens {
  accessToken: string;
  expiresIn: number;
}

export async function processKakaoTokenResponse(res: Response): Promise<KakaoTokens> {
  if (res.status >= 500)
    throw new KakaoError('KAKAO_UNAVAILABLE', `kakao token endpoint answered ${res.status}`);
  const body = await readJson(res);
  if (!res.ok) {
    const error = typeof body.error === 'string' ? body.error : 'unknown';
    const providerCode = typeof body.error_code === 'string' ? body.error_code : undefined;
    throw new KakaoError(
      error === 'invalid_grant' ? 'KAKAO_INVALID_GRANT' : 'KAKAO_OAUTH_ERROR',
      `kakao token error ${error}`,
      {
        ...(providerCode ? { providerCode } : {}),
      },
    );
  }
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw new KakaoError('KAKAO_INVALID_RESPONSE', 'token response has no access_token');
  }
  if (typeof body.expires_in !== 'number')
    throw new KakaoError('KAKAO_INVALID_RESPONSE', 'token response has no expires_in');
  return { accessToken: body.access_token, expiresIn: body.expires_in };
}

export function requestKakaoUserMe(config: KakaoConfig, accessToken: string): Promise<Response> {
  return send(
    endpoint(config.apiBaseUrl, '/v2/user/me').toString(),
    {
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
      },
    },
    config.timeoutMs,
  );
}

/** The identity the platform keeps from Kakao: the stable member id and what the user agreed to share. */
export interface KakaoIdentity {
  kakaoId: string;
  nickname?: string;
  email?: string;
  profileImageUrl?: string;
  /**
   * `kakao_account.ci` (연계정보): given only to an app granted the CI consent item (카카오싱크
   * 제휴 review) and only when the person agreed and has one (a Kakao account that never went
   * through 본인인증 has none; `ci_needs_agreement` says whether asking could get it) —
   * developers.kakao.com › 카카오 로그인 › "제휴가 필요한 사용자 정보", 본인확인정보 (`ci`,
   * `ci_authenticated_at`, `ci_needs_agreement`). Passed to the api, which keeps only a keyed hash.
   */
  ci?: string;
}

export async function processKakaoUserMeResponse(res: Response): Promise<KakaoIdentity> {
  if (res.status >= 500) throw new KakaoError('KAKAO_UNAVAILABLE', `kakao user/me answered ${res.status}`);
  const body = await readJson(res);
  if (res.status === 401) throw new KakaoError('KAKAO_UNAUTHORIZED', 'kakao refused the access token');
  if (!res.ok) throw new KakaoError('KAKAO_OAUTH_ERROR', `kakao user/me answered ${res.status}`);
  const id = body.id;
  if (typeof id !== 'number' && typeof id !== 'string')
    throw new KakaoError('KAKAO_INVALID_RESPONSE', 'user/me has no id');
  const account = (body.kakao_account ?? {}) as Record<string, unknown>;
  const profile = (account.profile ?? {}) as Record<string, unknown>;
  const identity: KakaoIdentity = { kakaoId: String(id) };
  if (typeof profile.nickname === 'string') identity.nickname = profile.nickname;
  // Only an address the user agreed to share and Kakao verified.
  if (
    typeof account.email === 'string' &&
    account.is_email_valid === true &&
    account.is_email_verified === true
  ) {
    identity.email = account.email;
  }
  if (typeof profile.profile_image_url === 'string' && profile.is_default_image !== true) {
    identity.profileImageUrl = profile.profile_image_url;
  }
  // Kakao calls it "사용자 동의 시 CI 참고 가능": a matching key, never proof of identity (the same
  // document: it does not replace the service's own 본인인증).
  // A CI is 88 characters of base64; anything empty or implausibly long is treated as absent (the
  // login then simply has no CI) rather than failing the sign-in at the api's 256-character limit.
  const ci = typeof account.ci === 'string' ? account.ci.trim() : '';
  if (ci !== '' && ci.length <= 256) identity.ci = ci;
  return identity;
}
