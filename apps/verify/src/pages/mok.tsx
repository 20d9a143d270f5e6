import { safeReturnTo } from '@mfv/auth';
import type { GetServerSideProps } from 'next';
import SiteFrame from '../core/ui/SiteFrame';
import type { OwnerKind } from '../core/owner';
import { ownerKindOf } from '../core/pages';
import { readVerifiedStatus } from '../core/status';
import type { VerifiedStatusView } from '@mfv/ui/verification';
import MobileOkFlow from '../providers/mobile-ok/ui/MobileOkFlow';
import { isMokServiceId, type MokServiceId } from '../providers/mobile-ok/rules';
import type { MokPurpose } from '../providers/mobile-ok/ui/standard-window';

interface Props {
  /** The member's lasting status (a reload after 본인확인 shows it done). */
  verified: VerifiedStatusView | null;
  service: MokServiceId;
  purpose: MokPurpose;
  owner: OwnerKind;
  returnTo: string;
}

/**
 * /verify/mok — 휴대폰 본인확인 with mobile-ok (the launcher's mobile-ok methods link here with
 * `?service=`, an adult check with `?purpose=adult`). Server-rendered on request: who the result
 * would belong to is known before the person types anything.
 */
export default function MokPage({ verified, service, purpose, owner, returnTo }: Props) {
  return (
    <SiteFrame
      title="휴대폰 본인확인"
      description="본인 명의의 휴대폰으로 본인확인을 해요. 통신사를 고르고 약관에 동의한 뒤 문자 인증번호로 확인해요."
    >
      <main>
        <MobileOkFlow
          initialService={service}
          purpose={purpose}
          owner={owner}
          returnTo={returnTo}
          verified={verified}
        />
      </main>
    </SiteFrame>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  ctx.res.setHeader('Cache-Control', 'private, no-store');
  const owner = await ownerKindOf(ctx.req, ctx.res);
  // The purpose is the linking service's (`?purpose=adult` for an adult check; a signup is known
  // from the signup cookie), never a choice on the form.
  const purpose: MokPurpose =
    ctx.query.purpose === 'adult' ? 'adult' : owner === 'signup' ? 'signup' : 'verify';
  const service = purpose === 'adult' ? 'sms' : isMokServiceId(ctx.query.service) ? ctx.query.service : 'sms';
  const returnTo = safeReturnTo(ctx.query.returnTo, '/verification');
  const verified = owner === 'member' ? await readVerifiedStatus(ctx.req, ctx.res) : null;
  return { props: { verified, service, purpose, owner, returnTo } };
};
