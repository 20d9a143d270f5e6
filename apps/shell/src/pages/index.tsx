import Link from 'next/link';
import { RemoteSlot } from '../federation/RemoteSlot';
import { withRemoteSlots, type RemoteSlotPageProps } from '../federation/with-remote-slots';

export default function Home({ remoteStatus, viewer }: RemoteSlotPageProps) {
  return (
    <>
      <section className="hero">
        <h1>하나의 사이트, 여러 팀</h1>
        <p>
          이 페이지의 머리글과 공지사항은 각각 다른 팀의 앱(remote)이 만든 컴포넌트입니다.{' '}
          <Link href="/verification">본인확인 방법 보기</Link>
        </p>
      </section>
      <RemoteSlot
        id="notice/NoticeList"
        status={remoteStatus['notice/NoticeList']}
        props={{ limit: 5, signedIn: viewer !== null }}
        label="공지사항"
        variant="block"
      />
      <style jsx>{`
        .hero {
          margin-bottom: 24px;
        }
        h1 {
          font-size: 24px;
          margin: 0 0 8px;
        }
      `}</style>
    </>
  );
}

export const getServerSideProps = withRemoteSlots(['notice/NoticeList']);
