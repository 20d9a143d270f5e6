import { detectBrowser, launchMode } from '../environment';

/**
 * Whether this browser should run a provider's window as a full page rather than a popup: phones,
 * in-app browsers (KakaoTalk, Naver …), small screens and touch-first devices (../environment.ts).
 * Browser only; the KCB and SSAFY pages ask it when the person taps start.
 */
export function prefersFullPage(): boolean {
  const narrow = window.matchMedia('(max-width: 640px), (pointer: coarse)').matches;
  return launchMode(detectBrowser(window.navigator.userAgent), { narrow }) === 'full-page';
}
