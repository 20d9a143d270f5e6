import { getViewer, type Viewer } from '@mfv/auth';
import type { GetServerSideProps } from 'next';
import Link from 'next/link';
// The same components the home page federates, imported from the remotes' source: the
// "monolith" that `pnpm bench:ssr` measures the federated home against.
import NoticeBell from '@mfv/notice/exposes/NoticeBell';
import NoticeList from '@mfv/notice/exposes/NoticeList';
import UserMenu from '@mfv/user/exposes/UserMenu';
import { Layout } from '../components/Layout';
import { env } from '../env';
import type { PageWithLayout } from './_app';

interface Props {
  viewer: Viewer | null;
  sessionUnavailable: boolean;
}

const Baseline: PageWithLayout<Props> = ({ viewer }) => (
  <>
    <section className="hero">
      <h1>간편하게 로그인하고, 안전하게 본인확인해요</h1>
      <p>카카오·토스 계정으로 로그인하고 휴대폰, KCB, SSAFY 중 편한 방법으로 본인확인을 할 수 있어요.</p>
      <Link href="/verification" className="cta">
        본인확인 시작하기
      </Link>
    </section>
    <NoticeList limit={5} signedIn={viewer !== null} />
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

Baseline.getLayout = (page) => {
  const { viewer, sessionUnavailable } = page.props as Props;
  return (
    <Layout
      actions={
        <>
          <NoticeBell signedIn={viewer !== null} />
          <UserMenu
            viewer={viewer ? { nickname: viewer.nickname } : null}
            sessionUnavailable={sessionUnavailable}
          />
        </>
      }
    >
      {page}
    </Layout>
  );
};

export default Baseline;

/** Only served when MFV_BENCH_BASELINE is set (the benchmark does); a 404 everywhere else. */
export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  if (!env.MFV_BENCH_BASELINE) return { notFound: true };
  const viewer = await getViewer(ctx.req, ctx.res);
  return {
    props: {
      viewer: viewer.status === 'signed-in' ? viewer.viewer : null,
      sessionUnavailable: viewer.status === 'unavailable',
    },
  };
};
