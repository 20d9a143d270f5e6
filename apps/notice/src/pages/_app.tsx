import type { AppProps } from 'next/app';

export default function NoticeApp({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}
