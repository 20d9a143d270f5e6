import { safeReturnTo } from '@mfv/auth';
import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import type { OwnerKind } from '../core/owner';
import { ownerKindOf } from '../core/pages';
import MobileOkFlow from '../providers/mobile-ok/ui/MobileOkFlow';
import { isMokServiceId, type MokServiceId } from '../providers/mobile-ok/rules';

interface Props {
  service: MokServiceId;
  owner: OwnerKind;
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
      <MobileOkFlow initialService={service} owner={owner} returnTo={returnTo} />
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
  return { props: { service, owner: await ownerKindOf(ctx.req, ctx.res), returnTo } };
};
