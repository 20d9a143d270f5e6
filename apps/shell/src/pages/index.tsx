import Link from 'next/link';
import { PageHead } from '../components/PageHead';
import { RemoteSlot } from '../federation/RemoteSlot';
import { slotStatus } from '../federation/modules';
import { withRemoteSlots, type RemoteSlotPageProps } from '../federation/with-remote-slots';

export default function Home({ remoteStatus, viewer, notices }: RemoteSlotPageProps) {
  return (
    <>
      <PageHead />
      <section className="hero">
        <h1>간편하게 로그인하고, 안전하게 본인확인해요</h1>
        <p>카카오·토스 계정으로 로그인하고 휴대폰, KCB, SSAFY 중 편한 방법으로 본인확인을 할 수 있어요.</p>
        <Link href="/verification" className="cta">
          본인확인 시작하기
        </Link>
      </section>
      <RemoteSlot
        id="notice/NoticeList"
        status={slotStatus(remoteStatus, 'notice/NoticeList')}
        props={{ limit: 5, signedIn: viewer !== null, initialNotices: notices?.slice(0, 5) }}
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
        .hero :global(.cta) {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          padding: 0 18px;
          border-radius: 10px;
          background: #1d4ed8;
          color: #fff;
          font-weight: 700;
          text-decoration: none;
        }
      `}</style>
    </>
  );
}

export const getServerSideProps = withRemoteSlots(['notice/NoticeList']);
