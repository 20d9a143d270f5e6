import type { AppProps } from 'next/app';

export default function VerifyApp({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}
