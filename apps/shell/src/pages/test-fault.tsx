import { loadConfig, testFaultsEnvSchema } from '@mfv/config';
import type { GetServerSideProps } from 'next';

/**
 * /test-fault — a page whose server render fails, so the browser tests see this app's real 500
 * page. Only with MFV_TEST_FAULTS (packages/config/src/test-faults.ts: refused in a live
 * deployment); a 404 otherwise.
 */
export const getServerSideProps: GetServerSideProps = async () => {
  if (!loadConfig('shell', testFaultsEnvSchema).MFV_TEST_FAULTS) return { notFound: true };
  throw new Error('MFV_TEST_FAULTS: /test-fault failed on purpose');
};

export default function TestFault() {
  return null;
}
