import type { GetServerSideProps } from 'next';
import { Card, Notice } from '../../../components/Card';
import { admitLoginCallback } from '../../../server/login-limit';
import { completeTossLogin, defaultTossLoginDeps } from '../../../server/toss-login';

interface Props {
  code: string;
  message: string;
}

/**
 * appLogin() lands here with `authorizationCode`, `referrer` and `state`; the exchange over mTLS
 * happens on the server (toss-login.ts), the page only shows failures.
 */
export default function TossCallback({ code, message }: Props) {
  return (
    <Card title="토스 로그인">
      <div data-testid="toss-login-error" data-code={code}>
        <Notice tone="error">{message}</Notice>
      </div>
      <a href="/user/login">다시 로그인하기</a>
    </Card>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  ctx.res.setHeader('Cache-Control', 'no-store');
  // The authorization code and state are in this URL: never let it be sent onwards as a Referer.
  ctx.res.setHeader('Referrer-Policy', 'no-referrer');
  // Per client IP, before any provider or api call (login-limit.ts).
  const outcome =
    (await admitLoginCallback(ctx.req, ctx.res)) ??
    (await completeTossLogin(defaultTossLoginDeps(), ctx.req, ctx.res, ctx.query));
  if (outcome.kind === 'redirect') {
    // Site-wide paths (returnTo may belong to any app): never prefixed with this app's basePath.
    return { redirect: { destination: outcome.destination, permanent: false, basePath: false } };
  }
  ctx.res.statusCode = outcome.status;
  return { props: { code: outcome.code, message: outcome.message } };
};
