import Link from 'next/link';
import { ERROR_COPY } from '@mfv/ui/site';
import { PageHead } from './PageHead';

/** The shell's 404 and 500: in the site's frame, in Korean, with a way home and to help. */
export function ErrorPage({ kind }: { kind: 'not-found' | 'server-error' }) {
  const title = kind === 'not-found' ? ERROR_COPY.notFoundTitle : ERROR_COPY.serverErrorTitle;
  const body = kind === 'not-found' ? ERROR_COPY.notFoundBody : ERROR_COPY.serverErrorBody;
  return (
    <section className="error-page" data-error-page={kind}>
      <PageHead title={title} description={body} />
      <p className="code" aria-hidden>
        {kind === 'not-found' ? '404' : '500'}
      </p>
      <h1>{title}</h1>
      <p>{body}</p>
      <div className="links">
        <Link href="/" className="primary">
          {ERROR_COPY.home}
        </Link>
        <Link href="/support">{ERROR_COPY.support}</Link>
      </div>
      <style jsx>{`
        .error-page {
          max-width: 520px;
          margin: 32px auto;
          text-align: center;
        }
        .code {
          margin: 0;
          font-size: 40px;
          font-weight: 800;
          color: #4b5563;
        }
        h1 {
          font-size: 22px;
          margin: 8px 0;
        }
        .links {
          display: flex;
          flex-wrap: wrap;
          justify-content: center;
          gap: 12px;
          margin-top: 20px;
        }
      `}</style>
      <style jsx global>{`
        .error-page .links a {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          padding: 0 18px;
          border: 1px solid #d0d7de;
          border-radius: 10px;
          background: #fff;
          color: #111827;
          text-decoration: none;
        }
        .error-page .links a.primary {
          background: #1d4ed8;
          border-color: #1d4ed8;
          color: #fff;
          font-weight: 700;
        }
      `}</style>
    </section>
  );
}
