import type { GetServerSideProps } from 'next';
import VerifyLauncher from '../exposes/VerifyLauncher';

/** The verify remote on its own, for working on its components without the shell. */
export default function VerifyHome() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>본인확인</h1>
      <VerifyLauncher />
    </main>
  );
}

export const getServerSideProps: GetServerSideProps = async () => ({ props: {} });
