import { getViewer, RATE_LIMITED_MESSAGE, safeReturnTo } from '@mfv/auth';
import type { GetServerSideProps } from 'next';
import { Card, Notice } from '../components/Card';
import { TossLoginButton } from '../components/TossLoginButton';
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

export default function Login({ returnTo, error, limited, toss, tossOpenUrl }: Props) {
  return (
    <Card title="로그인" description="카카오나 토스 계정으로 MFV에 로그인해요.">
      {error && <Notice tone="error">{LOGIN_MESSAGES[error]}</Notice>}
      {limited && (
        <Notice tone="error">
          <span data-testid="login-rate-limited">{limited}</span>
        </Notice>
      )}
      <a
        className="kakao"
        href={`/user/api/login/kakao?returnTo=${encodeURIComponent(returnTo)}`}
        data-testid="login-kakao"
      >
        카카오로 로그인
      </a>
      {toss && (
        <TossLoginButton
          returnTo={returnTo}
          tossOpenUrl={tossOpenUrl}
          label="토스로 로그인"
          testId="login-toss"
        />
      )}
      <p className="hint">처음이면 로그인한 뒤 닉네임만 정하면 가입돼요.</p>
      <style jsx>{`
        .kakao {
          display: flex;
          align-items: center;
          justify-content: center;
          box-sizing: border-box;
          width: 100%;
          min-height: 48px;
          margin-bottom: 10px;
          padding: 12px;
          border-radius: 10px;
          background: #fee500;
          color: #191919;
          font-weight: 700;
          text-align: center;
          text-decoration: none;
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
