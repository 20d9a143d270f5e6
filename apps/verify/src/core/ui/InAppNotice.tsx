import { useEffect, useState } from 'react';
import { detectBrowser, IN_APP_NAMES, systemBrowserUrl, type BrowserEnvironment } from '../environment';

/**
 * In an app's in-app browser (KakaoTalk, Naver …): says that 본인확인 works best in the phone's own
 * browser and offers to open this page there (or to copy its address). Nothing elsewhere. Decided
 * after mount from the user agent, so the server's HTML is the same for everyone. Styled on its
 * own: the verify pages show it, and so does the launcher inside the shell's /verification.
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
    <div className="in-app" data-testid="in-app-notice" data-app={env.inApp}>
      <p>
        {IN_APP_NAMES[env.inApp]} 안에서는 인증 창이 열리지 않거나 결과가 사라질 수 있어요. 휴대폰의 기본
        브라우저에서 열어 주세요.
      </p>
      {external ? (
        <a className="open" href={external} data-testid="open-system-browser">
          기본 브라우저로 열기
        </a>
      ) : (
        <button type="button" className="open" onClick={() => void copy()} data-testid="copy-address">
          {copied ? '주소를 복사했어요' : '주소 복사하기'}
        </button>
      )}
      <style jsx>{`
        .in-app {
          margin: 0 0 16px;
          padding: 12px 14px;
          border: 1px solid #fcd34d;
          border-radius: 12px;
          background: #fffbeb;
          color: #78350f;
          font-size: 14px;
          word-break: keep-all;
          overflow-wrap: anywhere;
        }
        .in-app p {
          margin: 0 0 10px;
          line-height: 1.6;
        }
        .open {
          display: inline-flex;
          align-items: center;
          justify-content: center;
          min-height: 44px;
          padding: 10px 16px;
          border: 0;
          border-radius: 10px;
          background: #2563eb;
          color: #fff;
          font: inherit;
          font-weight: 700;
          text-decoration: none;
          cursor: pointer;
        }
        .open:focus-visible {
          outline: 3px solid #1e3a8a;
          outline-offset: 2px;
        }
      `}</style>
    </div>
  );
}
