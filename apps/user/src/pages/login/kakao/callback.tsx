import type { GetServerSideProps } from 'next';
import { Card, Notice } from '../../../components/Card';
import { completeKakaoLogin } from '../../../server/kakao-login';
import { admitLoginCallback } from '../../../server/login-limit';

interface Props {
  message: string;
}

/** Kakao redirects here; the work happens on the server (docs/providers/kakao.md), the page only shows failures. */
export default function KakaoCallback({ message }: Props) {
  return (
    <Card title="카카오 로그인">
      <Notice tone="error">{message}</Notice>
      <a href="/user/login">다시 로그인하기</a>
    </Card>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  ctx.res.setHeader('Cache-Control', 'no-store');
  // The code and state are in this URL: never let it be sent onwards as a Referer.
  ctx.res.setHeader('Referrer-Policy', 'no-referrer');
  // Per client IP, before any provider or api call (login-limit.ts).
  const outcome =
    (await admitLoginCallback(ctx.req, ctx.res)) ?? (await completeKakaoLogin(ctx.req, ctx.res, ctx.query));
  if (outcome.kind === 'redirect') {
    // Site-wide paths (returnTo may belong to any app): never prefixed with this app's basePath.
    return { redirect: { destination: outcome.destination, permanent: false, basePath: false } };
  }
  ctx.res.statusCode = outcome.status;
  return { props: { message: outcome.message } };
};
