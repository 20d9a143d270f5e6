import { defaultAuth } from '@mfv/auth';
import type { GetServerSideProps } from 'next';
import { Card } from '../components/Card';
import { TossLoginButton } from '../components/TossLoginButton';
import { pendingSignup } from '../server/account-link';
import { userEnv } from '../server/env';

/**
 * "이미 가입한 계정이 있어요" — the login that brought the person here named someone who already is
 * a member (docs/auth.md "One person, one member"). They link this login to that account by
 * signing in to it with the way it signs in — Kakao (`link=1`) or Toss (inside the Toss app,
 * `link: true`); that sign-in links the pending login — or sign up separately.
 */
interface Props {
  /** The existing account signs in with Kakao. */
  kakao: boolean;
  /** The existing account signs in with Toss, and Toss login is on (TOSS_LOGIN_ENABLED). */
  toss: boolean;
  /** TOSS_MINIAPP_URL: opens this service in the Toss app, when the operator set one. */
  tossOpenUrl: string | null;
  returnTo: string;
}

export default function Link({ kakao, toss, tossOpenUrl, returnTo }: Props) {
  return (
    <Card
      title="이미 가입한 계정이 있어요"
      description="같은 명의로 가입한 계정이 있어요. 그 계정으로 로그인하면 지금 로그인한 방법을 연결해서 하나의 계정으로 쓸 수 있어요."
    >
      {kakao && (
        <a
          className="kakao"
          href={`/user/api/login/kakao?link=1&returnTo=${encodeURIComponent(returnTo)}`}
          data-testid="link-kakao"
        >
          카카오로 로그인하고 연결하기
        </a>
      )}
      {toss && (
        <TossLoginButton
          returnTo={returnTo}
          tossOpenUrl={tossOpenUrl}
          label="토스로 로그인하고 연결하기"
          testId="link-toss"
          link
        />
      )}
      <a className="separate" href="/user/signup" data-testid="link-decline">
        연결하지 않고 새 계정 만들기
      </a>
      <p className="hint">새 계정을 만들면 본인확인은 기존 계정에만 남아 있어요.</p>
      <style jsx>{`
        .kakao,
        .separate {
          display: flex;
          align-items: center;
          justify-content: center;
          min-height: 48px;
          margin-bottom: 10px;
          padding: 12px;
          border-radius: 10px;
          font-weight: 700;
          text-align: center;
          text-decoration: none;
        }
        .kakao {
          background: #fee500;
          color: #191919;
        }
        .separate {
          border: 1px solid #d1d5db;
          color: #111827;
        }
        .hint {
          color: #4b5563;
          font-size: 14px;
        }
      `}</style>
    </Card>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  const signup = pendingSignup(defaultAuth(), ctx.req);
  if (!signup)
    return {
      redirect: { destination: '/user/login?error=SIGNUP_EXPIRED', permanent: false, basePath: false },
    };
  // Nothing to link to: the usual signup form.
  if (!signup.existingAccount)
    return { redirect: { destination: '/user/signup', permanent: false, basePath: false } };
  ctx.res.setHeader('Cache-Control', 'no-store');
  const env = userEnv();
  const toss = env.TOSS_LOGIN_ENABLED && signup.existingAccount.providers.includes('toss');
  return {
    props: {
      kakao: signup.existingAccount.providers.includes('kakao'),
      toss,
      tossOpenUrl: toss ? (env.TOSS_MINIAPP_URL ?? null) : null,
      returnTo: signup.returnTo,
    },
  };
};
