import { RemoteSlot } from '../federation/RemoteSlot';
import { withRemoteSlots, type RemoteSlotPageProps } from '../federation/with-remote-slots';

export default function VerificationPage({ remoteStatus }: RemoteSlotPageProps) {
  return (
    <>
      <h1>본인확인</h1>
      <RemoteSlot
        id="verify/VerifyLauncher"
        status={remoteStatus['verify/VerifyLauncher']}
        props={{}}
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
