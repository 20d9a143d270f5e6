import { defaultAuth, safeReturnTo } from '@mfv/auth';
import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import MokFlow, { type MokOwnerKind } from '../components/mok/MokFlow';
import { isMokServiceId, type MokServiceId } from '../lib/mok';
import { ownerOf } from '../server/handoff';

interface Props {
  service: MokServiceId;
  owner: MokOwnerKind;
  returnTo: string;
}

/**
 * /verify/mok — 휴대폰 본인확인 with mobile-ok (the launcher's mobile-ok methods link here with
 * `?service=`). Server-rendered on request: who the result would belong to is known before the
 * person types anything.
 */
export default function MokPage({ service, owner, returnTo }: Props) {
  return (
    <main className="wrap">
      <Head>
        <title>휴대폰 본인확인 · MFV</title>
      </Head>
      <MokFlow initialService={service} owner={owner} returnTo={returnTo} />
      <style jsx>{`
        .wrap {
          min-height: 100vh;
          display: grid;
          place-items: start center;
          padding: 40px 12px;
          background: #f9fafb;
          font-family:
            system-ui,
            -apple-system,
            'Apple SD Gothic Neo',
            'Noto Sans KR',
            sans-serif;
          color: #111827;
        }
      `}</style>
    </main>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  ctx.res.setHeader('Cache-Control', 'private, no-store');
  const service = isMokServiceId(ctx.query.service) ? ctx.query.service : 'sms';
  const returnTo = safeReturnTo(ctx.query.returnTo, '/verification');
  const owner = await ownerOf(defaultAuth(), ctx.req, ctx.res);
  const kind: MokOwnerKind =
    owner === 'none' || owner === 'unavailable' ? owner : 'userId' in owner ? 'member' : 'signup';
  return { props: { service, owner: kind, returnTo } };
};
