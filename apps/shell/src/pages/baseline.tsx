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
      <h1>하나의 사이트, 여러 팀</h1>
      <p>
        이 페이지의 머리글과 공지사항은 각각 다른 팀의 앱(remote)이 만든 컴포넌트입니다.{' '}
        <Link href="/verification">본인확인 방법 보기</Link>
      </p>
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
