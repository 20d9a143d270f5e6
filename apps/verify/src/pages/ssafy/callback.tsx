import { ConfigError } from '@mfv/config';
import type { GetServerSideProps } from 'next';
import Script from 'next/script';
import { useEffect, useState } from 'react';
import VerifyCard from '../../core/ui/VerifyCard';
import { ssafyPublicConfig } from '../../providers/ssafy/config';
import { privatePage } from '../../core/pages';

type Props = { sdkUrl: string | null };

/**
 * /verify/ssafy/callback — the registered redirect URI. It loads the hosted SDK, which hands the
 * callback (code, state, iss, or the error) to the page that opened the popup — on this origin
 * only — and closes the window (SSAFY Verify guide: "redirect_uri에 SDK script가 있으면 popup 결과가 원래
 * 창으로 전달됩니다"). The code is worth nothing without the verifier the opener holds.
 */
export default function SsafyCallbackPage({ sdkUrl }: Props) {
  const [orphan, setOrphan] = useState(false);
  useEffect(() => {
    setOrphan(window.opener === null);
  }, []);
  return (
    <VerifyCard title="SSAFY 교육생 인증" brand="SSAFY Verify">
      {sdkUrl && <Script src={sdkUrl} strategy="afterInteractive" />}
      {orphan ? (
        <p className="vc-alert" role="alert">
          인증 창이 원래 화면과 연결되어 있지 않아요. 이 창을 닫고 <a href="/verify/ssafy">SSAFY 인증</a>을
          다시 시작해 주세요.
        </p>
      ) : (
        <p className="vc-status" role="status">
          인증 결과를 원래 화면으로 전달하고 있어요. 이 창은 자동으로 닫혀요.
        </p>
      )}
    </VerifyCard>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  privatePage(ctx.res);
  try {
    return { props: { sdkUrl: ssafyPublicConfig().sdkUrl } };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { props: { sdkUrl: null } };
  }
};
