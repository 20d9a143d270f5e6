import { useEffect, useState } from 'react';
import { detectBrowser, IN_APP_NAMES, systemBrowserUrl, type BrowserEnvironment } from '../environment';

/**
 * In an app's in-app browser (KakaoTalk, Naver …): says that 본인확인 works best in the phone's own
 * browser and offers to open this page there (or to copy its address). Nothing elsewhere. Decided
 * after mount from the user agent, so the server's HTML is the same for everyone.
 */
export default function InAppNotice() {
  const [env, setEnv] = useState<BrowserEnvironment | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => setEnv(detectBrowser(window.navigator.userAgent)), []);
  if (env === null || env.inApp === null) return null;
  const external = systemBrowserUrl(env, window.location.href);
  const copy = async () => {
    try {
      await window.navigator.clipboard.writeText(window.location.href);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="vc-notice in-app" data-testid="in-app-notice" data-app={env.inApp}>
      <p>
        {IN_APP_NAMES[env.inApp]} 안에서는 인증 창이 열리지 않거나 결과가 사라질 수 있어요. 휴대폰의 기본
        브라우저에서 열어 주세요.
      </p>
      <div className="vc-actions">
        {external ? (
          <a className="vc-button" href={external} data-testid="open-system-browser">
            기본 브라우저로 열기
          </a>
        ) : (
          <button type="button" className="vc-button" onClick={() => void copy()} data-testid="copy-address">
            {copied ? '주소를 복사했어요' : '주소 복사하기'}
          </button>
        )}
      </div>
    </div>
  );
}
