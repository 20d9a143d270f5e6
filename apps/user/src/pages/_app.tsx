import type { AppProps } from 'next/app';

export default function UserApp({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}
