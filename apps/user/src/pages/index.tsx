import type { GetServerSideProps } from 'next';
import UserMenu from '../exposes/UserMenu';

/** The user remote on its own: lets the team work on its components without the shell. */
export default function UserHome() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>내 계정</h1>
      <p>로그인과 회원 정보는 이 remote(/user)가 담당합니다.</p>
      <UserMenu />
    </main>
  );
}

export const getServerSideProps: GetServerSideProps = async () => ({ props: {} });
