import { ConfigError } from '@mfv/config';
import type { GetServerSideProps } from 'next';
import Script from 'next/script';
import { useEffect } from 'react';
import { announceVerificationChanged } from '@mfv/ui/live-verification';
import SsafyVerifyButton from '../../providers/ssafy/ui/SsafyVerifyButton';
import VerifyCard from '../../core/ui/VerifyCard';
import InAppNotice from '../../core/ui/InAppNotice';
import type { OwnerKind } from '../../core/owner';
import type { SsafyPublicConfig } from '../../providers/ssafy/rules';
import { ssafyPublicConfig } from '../../providers/ssafy/config';
import { ownerKindOf, privatePage } from '../../core/pages';
import { readVerifiedStatus } from '../../core/status';
import { verificationNextStep, verificationSummary, type VerifiedStatusView } from '@mfv/ui/verification';

type Props = {
  owner: OwnerKind;
  config: SsafyPublicConfig | null;
  /** The member's SSAFY 인증, read on the server (a reload after verifying shows it). */
  verified: VerifiedStatusView | null;
};

/**
 * /verify/ssafy — SSAFY 교육생 인증 with the hosted SDK's popup (SSAFY Verify guide), or as a full
 * page on phones and in in-app browsers (back here from /verify/ssafy/callback).
 */
export default function SsafyPage({ owner, config, verified }: Props) {
  // Back from the full-page flow (`?done=1`): the address loses the mark, the rest of the site hears
  // of the new status. A reload shows the stored status from the server, without the mark.
  useEffect(() => {
    if (new URLSearchParams(window.location.search).get('done') !== '1') return;
    window.history.replaceState(null, '', window.location.pathname);
    if (verified) announceVerificationChanged();
  }, [verified]);
  return (
    <VerifyCard
      title="SSAFY 교육생 인증"
      brand="삼성 청년 SW 아카데미(SSAFY)"
      description="SSAFY 인증 창에서 교육생 여부를 확인해요. 구성원 여부와 기수·캠퍼스만 저장해요."
    >
      {config && <Script src={config.sdkUrl} strategy="afterInteractive" />}
      <p className="vc-lead">
        SSAFY 인증 창에서 교육생 여부를 확인해요. 인증 결과로는 구성원 여부와 기수·캠퍼스만 저장해요.
      </p>
      <InAppNotice />
      {verified && (
        <div className="vc-done" data-testid="ssafy-done">
          <p>
            <strong data-testid="ssafy-done-summary">{verificationSummary(verified)}</strong>
          </p>
          <p className="vc-meta">{verificationNextStep(verified)}</p>
          <div className="vc-actions">
            <a className="vc-button" href="/verification">
              계속하기
            </a>
          </div>
        </div>
      )}
      {owner === 'none' && (
        <div className="vc-notice" data-testid="ssafy-login-required">
          <p>인증 결과는 계정에 연결돼요. 먼저 로그인하거나 회원가입을 시작해 주세요.</p>
          <a className="vc-button" href={`/user/login?returnTo=${encodeURIComponent('/verify/ssafy')}`}>
            로그인 / 회원가입
          </a>
        </div>
      )}
      {owner === 'unavailable' && (
        <p className="vc-notice">로그인 상태를 확인하지 못했어요. 잠시 후 다시 시도해 주세요.</p>
      )}
      {config === null ? (
        <p className="vc-alert" role="alert">
          SSAFY 인증을 지금 사용할 수 없어요. 잠시 후 다시 시도해 주세요.
        </p>
      ) : (
        owner !== 'none' && <SsafyVerifyButton config={config} />
      )}
      <p className="vc-meta">
        <a href="/verification">본인확인 방법 다시 고르기</a>
      </p>
    </VerifyCard>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  privatePage(ctx.res);
  let config: SsafyPublicConfig | null = null;
  try {
    config = ssafyPublicConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
  }
  const owner = await ownerKindOf(ctx.req, ctx.res);
  const status = owner === 'member' ? await readVerifiedStatus(ctx.req, ctx.res) : null;
  return { props: { owner, config, verified: status?.kind === 'ssafy' ? status : null } };
};
