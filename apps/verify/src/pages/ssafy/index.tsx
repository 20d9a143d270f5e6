import { ConfigError } from '@mfv/config';
import type { GetServerSideProps } from 'next';
import Script from 'next/script';
import SsafyVerifyButton from '../../providers/ssafy/ui/SsafyVerifyButton';
import VerifyCard from '../../core/ui/VerifyCard';
import type { OwnerKind } from '../../core/owner';
import type { SsafyPublicConfig } from '../../providers/ssafy/rules';
import { ssafyPublicConfig } from '../../providers/ssafy/config';
import { ownerKindOf, privatePage } from '../../core/pages';

type Props = { owner: OwnerKind; config: SsafyPublicConfig | null };

/** /verify/ssafy — SSAFY 교육생 인증 with the hosted SDK's popup (SSAFY Verify guide). */
export default function SsafyPage({ owner, config }: Props) {
  return (
    <VerifyCard title="SSAFY 교육생 인증" brand="SSAFY Verify">
      {config && <Script src={config.sdkUrl} strategy="afterInteractive" />}
      <p className="vc-lead">
        SSAFY 인증 창에서 교육생 여부를 확인합니다. 인증 결과로는 구성원 여부와 기수·캠퍼스만 저장합니다.
      </p>
      {owner === 'none' && (
        <div className="vc-notice" data-testid="ssafy-login-required">
          <p>인증 결과는 계정에 연결됩니다. 먼저 로그인하거나 회원가입을 시작해 주세요.</p>
          <a className="vc-button" href={`/user/login?returnTo=${encodeURIComponent('/verify/ssafy')}`}>
            로그인 / 회원가입
          </a>
        </div>
      )}
      {owner === 'unavailable' && (
        <p className="vc-notice">로그인 상태를 확인하지 못했습니다. 잠시 후 다시 시도해 주세요.</p>
      )}
      {config === null ? (
        <p className="vc-alert" role="alert">
          SSAFY 인증을 지금 사용할 수 없습니다. 잠시 후 다시 시도해 주세요.
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
  return { props: { owner: await ownerKindOf(ctx.req, ctx.res), config } };
};
