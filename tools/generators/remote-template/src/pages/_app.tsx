import type { AppProps } from 'next/app';

export default function __PASCAL__App({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}
