import type { GetServerSideProps } from 'next';
import VerifyCard from '../core/ui/VerifyCard';
import VerifyLauncher from '../exposes/VerifyLauncher';

/** The verify remote on its own (/verify): the method list in the site's frame. */
export default function VerifyHome() {
  return (
    <VerifyCard title="본인확인" description="휴대폰, KCB, SSAFY 중 편한 방법으로 본인확인을 해요.">
      <VerifyLauncher />
    </VerifyCard>
  );
}

export const getServerSideProps: GetServerSideProps = async () => ({ props: {} });
