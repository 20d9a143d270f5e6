import type { GetServerSideProps } from 'next';
import __PASCAL__Widget from '../exposes/__PASCAL__Widget';

/** The __NAME__ remote on its own, for working on its components without the shell. */
export default function __PASCAL__Home() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>__NAME__</h1>
      <__PASCAL__Widget />
    </main>
  );
}

export const getServerSideProps: GetServerSideProps = async () => ({ props: {} });
