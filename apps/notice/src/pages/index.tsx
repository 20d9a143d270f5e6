import type { GetServerSideProps } from 'next';
import NoticeBell from '../exposes/NoticeBell';
import NoticeList from '../exposes/NoticeList';

/** The notice remote on its own, for working on its components without the shell. */
export default function NoticeHome() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>알림</h1>
      <NoticeBell />
      <NoticeList />
    </main>
  );
}

export const getServerSideProps: GetServerSideProps = async () => ({ props: {} });
