import { ApiCallError, createAppClient } from '@mfv/auth/client';
import { useState } from 'react';
import { tossAppLogin, tossEnvironment } from '../client/toss-app';
import { Notice } from './Card';

const client = createAppClient('/user');

/** What appLogin or the server answered that the person should read (a cancel shows nothing). */
const TOSS_APP_FAILED = '토스 로그인을 마치지 못했어요. 다시 시도하거나 카카오로 로그인해 주세요.';

type TossState = 'idle' | 'busy' | 'outside';

/**
 * "토스로 로그인": appLogin() inside the Toss app's WebView (client/toss-app.ts), its answer posted to
 * /user/api/login/toss, then wherever the server says. In any other browser it explains
 * "토스 앱에서 열어 주세요" (with the link that opens the service in Toss, when the operator set
 * one) — never a dead redirect (docs/providers/toss.md). Used by the login page and, with `link`,
 * by the link page, whose Toss sign-in links the pending login to the account it proves.
 */
export function TossLoginButton({
  returnTo,
  tossOpenUrl,
  label,
  testId,
  link = false,
}: {
  returnTo: string;
  tossOpenUrl: string | null;
  label: string;
  testId: string;
  link?: boolean;
}) {
  const [state, setState] = useState<TossState>('idle');
  const [error, setError] = useState<string | null>(null);

  async function loginWithToss() {
    setError(null);
    // Only inside the Toss app's WebView does appLogin() exist.
    if (tossEnvironment() === null) {
      setState('outside');
      return;
    }
    setState('busy');
    const result = await tossAppLogin();
    if (result.kind === 'cancelled') {
      // Nothing was granted: back to the buttons, quietly, on this same page (returnTo kept).
      setState('idle');
      return;
    }
    if (result.kind === 'failed') {
      setError(TOSS_APP_FAILED);
      setState('idle');
      return;
    }
    try {
      const { redirectTo } = await client.json<{ redirectTo: string }>('/api/login/toss', {
        method: 'POST',
        body: {
          authorizationCode: result.authorizationCode,
          referrer: result.referrer,
          returnTo,
          ...(link ? { link: true } : {}),
        },
      });
      window.location.assign(redirectTo);
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message : TOSS_APP_FAILED);
      setState('idle');
    }
  }

  return (
    <>
      {error && (
        <div data-testid="toss-login-error">
          <Notice tone="error">{error}</Notice>
        </div>
      )}
      <button
        type="button"
        className="toss"
        data-testid={testId}
        aria-expanded={state === 'outside'}
        aria-controls="toss-outside"
        disabled={state === 'busy'}
        onClick={() => void loginWithToss()}
      >
        {state === 'busy' ? '토스에서 확인하는 중이에요…' : label}
      </button>
      {state === 'outside' && (
        <div id="toss-outside" className="outside" role="status" data-testid="toss-outside">
          <p className="lead">토스 앱에서 열어 주세요</p>
          <p>
            {link
              ? '토스로 가입한 계정은 토스 앱 안에서 이 서비스를 열었을 때만 확인할 수 있어요.'
              : '토스 로그인은 토스 앱 안에서 이 서비스를 열었을 때만 쓸 수 있어요. 지금은 카카오로 로그인할 수 있어요.'}
          </p>
          {tossOpenUrl && (
            <a className="open" href={tossOpenUrl} data-testid="toss-open-app">
              토스 앱에서 열기
            </a>
          )}
        </div>
      )}
      <style jsx>{`
        .toss,
        .open {
          display: flex;
          align-items: center;
          justify-content: center;
          box-sizing: border-box;
          width: 100%;
          min-height: 48px;
          margin-bottom: 10px;
          padding: 12px;
          border: 0;
          border-radius: 10px;
          font: inherit;
          font-weight: 700;
          text-align: center;
          text-decoration: none;
          cursor: pointer;
        }
        .toss {
          background: #0064ff;
          color: #fff;
        }
        .toss:disabled {
          opacity: 0.7;
          cursor: progress;
        }
        .outside {
          margin-bottom: 10px;
          padding: 12px 14px;
          border: 1px solid #c7d7fe;
          border-radius: 10px;
          background: #f0f5ff;
          color: #1f2937;
        }
        .outside p {
          margin: 0 0 8px;
        }
        .outside .lead {
          font-weight: 700;
        }
        .open {
          margin: 4px 0 0;
          background: #fff;
          border: 1px solid #0064ff;
          color: #0050cc;
        }
      `}</style>
    </>
  );
}
