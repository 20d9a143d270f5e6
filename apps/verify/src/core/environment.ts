/**
 * Where a verification window can open, decided from the browser (its user agent): a popup where
 * popups work, this window where they do not, and in an app's in-app browser (KakaoTalk, Naver,
 * Line, Instagram, Facebook) an offer to open the page in the phone's own browser — those browsers
 * block or lose popups and drop the window's cookies between apps. iOS Safari blocks a popup
 * opened after an asynchronous step (the user gesture is gone by then), so flows that must wait for
 * the server before opening the provider's window use this window there. Pure and browser-safe.
 */
export type InAppBrowser = 'kakaotalk' | 'naver' | 'line' | 'instagram' | 'facebook';

export interface BrowserEnvironment {
  inApp: InAppBrowser | null;
  ios: boolean;
  android: boolean;
  /** A phone or tablet (the provider's window is better as a full page there). */
  mobile: boolean;
}

const IN_APP: [InAppBrowser, RegExp][] = [
  ['kakaotalk', /KAKAOTALK/i],
  ['naver', /NAVER\(inapp|NAVER\/\d|whale\/.*naver/i],
  ['line', /\bLine\/\d/],
  ['instagram', /Instagram/],
  ['facebook', /FBAN|FBAV|FB_IAB/],
];

export function detectBrowser(userAgent: string): BrowserEnvironment {
  const ios =
    /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && /Mobile\//.test(userAgent));
  const android = /Android/.test(userAgent);
  const inApp = IN_APP.find(([, pattern]) => pattern.test(userAgent))?.[0] ?? null;
  return { inApp, ios, android, mobile: ios || android || /Mobile/.test(userAgent) };
}

/** How to open the provider's window: a popup, or this window (the full-page variant). */
export type LaunchMode = 'popup' | 'full-page';

/**
 * `afterAsync`: the window would open only after a network round trip (no user gesture left);
 * `narrow`: the viewport is phone-sized or touch-first (a popup is awkward there).
 */
export function launchMode(
  env: BrowserEnvironment,
  { afterAsync = false, narrow = false }: { afterAsync?: boolean; narrow?: boolean } = {},
): LaunchMode {
  if (env.inApp !== null || env.mobile || narrow) return 'full-page';
  if (env.ios && afterAsync) return 'full-page';
  return 'popup';
}

/**
 * A link that opens `url` in the phone's own browser from an in-app browser, when the app has one:
 * KakaoTalk's `kakaotalk://web/openExternal`, and on Android an intent for the default browser.
 * Null otherwise (the page then offers to copy the address).
 */
export function systemBrowserUrl(env: BrowserEnvironment, url: string): string | null {
  if (env.inApp === null) return null;
  if (env.inApp === 'kakaotalk') return `kakaotalk://web/openExternal?url=${encodeURIComponent(url)}`;
  if (env.android) {
    const u = new URL(url);
    return `intent://${u.host}${u.pathname}${u.search}#Intent;scheme=${u.protocol.replace(':', '')};action=android.intent.action.VIEW;end`;
  }
  return null;
}

export const IN_APP_NAMES: Record<InAppBrowser, string> = {
  kakaotalk: '카카오톡',
  naver: '네이버',
  line: '라인',
  instagram: '인스타그램',
  facebook: '페이스북',
};
