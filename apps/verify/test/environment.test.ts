import { describe, expect, it } from 'vitest';
import { detectBrowser, launchMode, systemBrowserUrl } from '../src/core/environment';

/** Real user agents (as the browsers send them), and where the verification window opens for each. */
const UA = {
  chromeDesktop:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  iosSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  iPadDesktopMode:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  kakaoIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 KAKAOTALK 10.8.5',
  kakaoAndroid:
    'Mozilla/5.0 (Linux; Android 13; SM-G998N Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36;KAKAOTALK 2410610',
  naverAndroid:
    'Mozilla/5.0 (Linux; Android 14; SM-S911N Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 NAVER(inapp; search; 2000; 12.6.5)',
  naverIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 NAVER(inapp; search; 2000; 12.5.1; 15PRO)',
  instagram:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 330.0.3.12.235',
};

describe('detectBrowser', () => {
  it('names the in-app browsers people meet in Korea', () => {
    expect(detectBrowser(UA.kakaoIos).inApp).toBe('kakaotalk');
    expect(detectBrowser(UA.kakaoAndroid).inApp).toBe('kakaotalk');
    expect(detectBrowser(UA.naverAndroid).inApp).toBe('naver');
    expect(detectBrowser(UA.naverIos).inApp).toBe('naver');
    expect(detectBrowser(UA.instagram).inApp).toBe('instagram');
    for (const ua of [UA.chromeDesktop, UA.safariMac, UA.iosSafari, UA.androidChrome])
      expect(detectBrowser(ua).inApp).toBeNull();
  });

  it('tells phones from desktops (an iPad asking for the desktop site is still iOS)', () => {
    expect(detectBrowser(UA.iosSafari)).toMatchObject({ ios: true, mobile: true });
    expect(detectBrowser(UA.iPadDesktopMode)).toMatchObject({ ios: true, mobile: true });
    expect(detectBrowser(UA.androidChrome)).toMatchObject({ android: true, mobile: true });
    expect(detectBrowser(UA.chromeDesktop)).toMatchObject({ ios: false, android: false, mobile: false });
    expect(detectBrowser(UA.safariMac)).toMatchObject({ ios: false, mobile: false });
  });
});

describe('launchMode', () => {
  it('a popup on a desktop browser; this window on phones, in in-app browsers and on narrow screens', () => {
    expect(launchMode(detectBrowser(UA.chromeDesktop))).toBe('popup');
    expect(launchMode(detectBrowser(UA.safariMac), { afterAsync: true })).toBe('popup');
    expect(launchMode(detectBrowser(UA.chromeDesktop), { narrow: true })).toBe('full-page');
    expect(launchMode(detectBrowser(UA.iosSafari))).toBe('full-page');
    expect(launchMode(detectBrowser(UA.androidChrome))).toBe('full-page');
    expect(launchMode(detectBrowser(UA.kakaoAndroid))).toBe('full-page');
    expect(launchMode(detectBrowser(UA.naverIos))).toBe('full-page');
  });
});

describe('systemBrowserUrl', () => {
  const page = 'https://mfv.example/verify/kcb?returnTo=%2Fverification';
  it('KakaoTalk: its openExternal scheme; Android in-app: an intent; elsewhere nothing', () => {
    expect(systemBrowserUrl(detectBrowser(UA.kakaoIos), page)).toBe(
      `kakaotalk://web/openExternal?url=${encodeURIComponent(page)}`,
    );
    expect(systemBrowserUrl(detectBrowser(UA.naverAndroid), page)).toBe(
      'intent://mfv.example/verify/kcb?returnTo=%2Fverification#Intent;scheme=https;action=android.intent.action.VIEW;end',
    );
    expect(systemBrowserUrl(detectBrowser(UA.naverIos), page)).toBeNull();
    expect(systemBrowserUrl(detectBrowser(UA.iosSafari), page)).toBeNull();
  });
});
