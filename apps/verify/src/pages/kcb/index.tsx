import { safeReturnTo } from '@mfv/auth';
import type { GetServerSideProps } from 'next';
import KcbFlow from '../../providers/kcb/ui/KcbFlow';
import VerifyCard from '../../core/ui/VerifyCard';
import { KCB_BRAND } from '../../providers/kcb/rules';
import type { OwnerKind } from '../../core/owner';
import { ownerKindOf, privatePage } from '../../core/pages';

interface Props {
  owner: OwnerKind;
  returnTo: string;
}

/** /verify/kcb — KCB 휴대폰 본인확인 (popup, or full page on mobile and when popups are blocked). */
export default function KcbPage({ owner, returnTo }: Props) {
  return (
    <VerifyCard title="KCB 휴대폰 본인확인" brand={KCB_BRAND}>
      <KcbFlow owner={owner} returnTo={returnTo} />
    </VerifyCard>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  privatePage(ctx.res);
  return {
    props: {
      owner: await ownerKindOf(ctx.req, ctx.res),
      returnTo: safeReturnTo(ctx.query.returnTo, '/verification'),
    },
  };
};
