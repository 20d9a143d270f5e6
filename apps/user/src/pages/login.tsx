import { getViewer, RATE_LIMITED_MESSAGE, safeReturnTo } from '@mfv/auth';
import { ApiCallError, createAppClient } from '@mfv/auth/client';
import type { GetServerSideProps } from 'next';
import { useState } from 'react';
import { tossAppLogin, tossEnvironment } from '../client/toss-app';
import { Card, Notice } from '../components/Card';
import { userEnv } from '../server/env';
import { parseWait, RATE_LIMITED } from '../server/login-limit';
import { isLoginMessageCode, LOGIN_MESSAGES, type LoginMessageCode } from '../server/messages';

interface Props {
  returnTo: string;
  error: LoginMessageCode | null;
  /** Set when a login start was refused by the rate limit (made on the server from a checked number). */
  limited: string | null;
  /** TOSS_LOGIN_ENABLED */
  toss: boolean;
  /** TOSS_MINIAPP_URL: the link that opens this service in the Toss app, when the operator set one. */
  tossOpenUrl: string | null;
}

const client = createAppClient('/user');

/** What appLogin or the server answered that the person should read (a cancel shows nothing). */
const TOSS_APP_FAILED = '토스 로그인을 마치지 못했어요. 다시 시도하거나 카카오로 로그인해 주세요.';

type TossState = 'idle' | 'busy' | 'outside';

export default function Login({ returnTo, error, limited, toss, tossOpenUrl }: Props) {
  const [tossState, setTossState] = useState<TossState>('idle');
  const [tossError, setTossError] = useState<string | null>(null);

  async function loginWithToss() {
    setTossError(null);
    // Only inside the Toss app's WebView does appLogin() exist (client/toss-app.ts).
    if (tossEnvironment() === null) {
      setTossState('outside');
      return;
    }
    setTossState('busy');
    const result = await tossAppLogin();
    if (result.kind === 'cancelled') {
      // Nothing was granted: back to the buttons, quietly, on this same page (returnTo kept).
      setTossState('idle');
      return;
    }
    if (result.kind === 'failed') {
      setTossError(TOSS_APP_FAILED);
      setTossState('idle');
      return;
    }
    try {
      const { redirectTo } = await client.json<{ redirectTo: string }>('/api/login/toss', {
        method: 'POST',
        body: { authorizationCode: result.authorizationCode, referrer: result.referrer, returnTo },
      });
      window.location.assign(redirectTo);
    } catch (e) {
      setTossError(e instanceof ApiCallError ? e.message : TOSS_APP_FAILED);
      setTossState('idle');
    }
  }

  return (
    <Card title="로그인" description="카카오나 토스 계정으로 MFV에 로그인해요.">
      {error && <Notice tone="error">{LOGIN_MESSAGES[error]}</Notice>}
      {limited && (
        <Notice tone="error">
          <span data-testid="login-rate-limited">{limited}</span>
        </Notice>
      )}
      {tossError && (
        <div data-testid="toss-login-error">
          <Notice tone="error">{tossError}</Notice>
        </div>
      )}
      <a
        className="kakao"
        href={`/user/api/login/kakao?returnTo=${encodeURIComponent(returnTo)}`}
        data-testid="login-kakao"
      >
        카카오로 로그인
      </a>
      {toss && (
        <button
          type="button"
          className="toss"
          data-testid="login-toss"
          aria-expanded={tossState === 'outside'}
          aria-controls="toss-outside"
          disabled={tossState === 'busy'}
          onClick={() => void loginWithToss()}
        >
          {tossState === 'busy' ? '토스에서 확인하는 중이에요…' : '토스로 로그인'}
        </button>
      )}
      {toss && tossState === 'outside' && (
        <div id="toss-outside" className="outside" role="status" data-testid="toss-outside">
          <p className="lead">토스 앱에서 열어 주세요</p>
          <p>
            토스 로그인은 토스 앱 안에서 이 서비스를 열었을 때만 쓸 수 있어요. 지금은 카카오로 로그인할 수
            있어요.
          </p>
          {tossOpenUrl && (
            <a className="open" href={tossOpenUrl} data-testid="toss-open-app">
              토스 앱에서 열기
            </a>
          )}
        </div>
      )}
      <p className="hint">처음이면 로그인한 뒤 닉네임만 정하면 가입돼요.</p>
      <style jsx>{`
        .kakao,
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
          background: #fee500;
          color: #191919;
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
        .hint {
          color: #4b5563;
          font-size: 14px;
        }
      `}</style>
    </Card>
  );
}

function limitedNotice(error: unknown, wait: unknown): string | null {
  const seconds = error === RATE_LIMITED ? parseWait(wait) : null;
  return seconds === null ? null : RATE_LIMITED_MESSAGE(seconds);
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  const returnTo = safeReturnTo(ctx.query.returnTo);
  const viewer = await getViewer(ctx.req, ctx.res);
  if (viewer.status === 'signed-in')
    return { redirect: { destination: returnTo, permanent: false, basePath: false } };
  const env = userEnv();
  return {
    props: {
      returnTo,
      error: isLoginMessageCode(ctx.query.error) ? ctx.query.error : null,
      limited: limitedNotice(ctx.query.error, ctx.query.wait),
      toss: env.TOSS_LOGIN_ENABLED,
      tossOpenUrl: env.TOSS_LOGIN_ENABLED ? (env.TOSS_MINIAPP_URL ?? null) : null,
    },
  };
};
