import { withAuthSSR, type AuthPageProps } from '@mfv/auth';
import NoticeBell from '../exposes/NoticeBell';
import NoticeList from '../exposes/NoticeList';

type Props = AuthPageProps<Record<string, never>>;

/** /notice — the member's notices (withAuthSSR: no session → the login page). */
export default function NoticePage(props: Props) {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24, maxWidth: 760, margin: '0 auto' }}>
      <h1>알림</h1>
      {props.auth.status === 'unavailable' ? (
        <p role="alert">{props.auth.message}</p>
      ) : (
        <>
          <NoticeBell signedIn />
          <NoticeList signedIn limit={50} />
        </>
      )}
    </main>
  );
}

export const getServerSideProps = withAuthSSR(async () => ({ props: {} }), { app: 'notice' });
