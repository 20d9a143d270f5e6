import { PageHead } from '../components/PageHead';
import { RemoteSlot } from '../federation/RemoteSlot';
import { slotStatus } from '../federation/modules';
import { withRemoteSlots, type RemoteSlotPageProps } from '../federation/with-remote-slots';

export default function VerificationPage({ remoteStatus, verification }: RemoteSlotPageProps) {
  return (
    <>
      <PageHead
        title="본인확인"
        description="휴대폰(모바일오케이), KCB, SSAFY 중 편한 방법으로 본인확인을 해요."
      />
      <h1>본인확인</h1>
      <RemoteSlot
        id="verify/VerifyLauncher"
        status={slotStatus(remoteStatus, 'verify/VerifyLauncher')}
        props={{ verification: verification ?? null }}
        label="본인확인 서비스"
        variant="block"
      />
      <style jsx>{`
        h1 {
          font-size: 24px;
        }
      `}</style>
    </>
  );
}

export const getServerSideProps = withRemoteSlots(['verify/VerifyLauncher']);
