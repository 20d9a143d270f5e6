/**
 * The browser side of Toss login: the apps-in-toss SDK's bridge (`@apps-in-toss/web-bridge`, the
 * module `@apps-in-toss/web-framework` re-exports for WebView mini-apps). Only two calls are used:
 *
 * - `getOperationalEnvironment()` — "토스 앱에서 실행 중이라면 'toss', 샌드박스 환경에서 실행 중이라면
 *   'sandbox'" (SDK reference, 환경 확인). It reads a constant the Toss app injects into its WebView;
 *   outside the app there is no such constant and the SDK throws, which is how this module tells an
 *   ordinary browser (no user-agent guessing).
 * - `appLogin()` — 인가 코드 받기 (SDK reference "토스 로그인 (appLogin)"): resolves with
 *   `{ authorizationCode, referrer }`, which go to the server at once and are not kept here.
 */
import { appLogin, getOperationalEnvironment } from '@apps-in-toss/web-bridge';

export type TossEnvironment = 'toss' | 'sandbox';

/** 'toss' or 'sandbox' inside the Toss (or Toss sandbox) app's WebView; null in any other browser. */
export function tossEnvironment(): TossEnvironment | null {
  if (typeof window === 'undefined') return null;
  try {
    const environment = getOperationalEnvironment() as unknown;
    return environment === 'toss' || environment === 'sandbox' ? environment : null;
  } catch {
    return null;
  }
}

/**
 * Rejection codes read as "the person closed the login sheet". appLogin's reference lists no error
 * codes; the SDK's other sheets reject with `code: 'CANCELED'` / `'USER_CANCELED'` (getConsentedUserData,
 * checkoutPayment), and a refusal of the terms is `USER_DECLINED`. Anything else is a failure.
 */
const CANCEL_CODES = new Set(['CANCELED', 'CANCELLED', 'USER_CANCELED', 'USER_CANCELLED', 'USER_DECLINED']);

export type TossAppLoginResult =
  { kind: 'code'; authorizationCode: string; referrer: string } | { kind: 'cancelled' } | { kind: 'failed' };

/** appLogin(), its rejection sorted into "cancelled" (quiet) or "failed" (worth a message). */
export async function tossAppLogin(): Promise<TossAppLoginResult> {
  try {
    const { authorizationCode, referrer } = await appLogin();
    return { kind: 'code', authorizationCode, referrer };
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error
        ? String((error as { code: unknown }).code)
        : '';
    return CANCEL_CODES.has(code.toUpperCase()) ? { kind: 'cancelled' } : { kind: 'failed' };
  }
}
