import { ERROR_COPY } from '@mfv/ui/site';
import { Frame } from './Frame';

/** This remote's 404 and 500, in the site's frame, with a way home and to help. */
export function ErrorFrame({ kind }: { kind: 'not-found' | 'server-error' }) {
  const title = kind === 'not-found' ? ERROR_COPY.notFoundTitle : ERROR_COPY.serverErrorTitle;
  const body = kind === 'not-found' ? ERROR_COPY.notFoundBody : ERROR_COPY.serverErrorBody;
  return (
    <Frame title={title} description={body}>
      <section data-error-page={kind}>
        <h1>{title}</h1>
        <p>{body}</p>
        <div className="links">
          <a className="primary" href="/">
            {ERROR_COPY.home}
          </a>
          <a href="/notice">알림 목록</a>
          <a href="/support">{ERROR_COPY.support}</a>
        </div>
      </section>
      <style jsx>{`
        h1 {
          font-size: 22px;
        }
        .links {
          display: flex;
          flex-wrap: wrap;
          gap: 10px;
        }
        a {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          padding: 0 16px;
          border: 1px solid #d0d7de;
          border-radius: 10px;
          color: #111827;
          text-decoration: none;
        }
        a.primary {
          background: #1d4ed8;
          border-color: #1d4ed8;
          color: #fff;
          font-weight: 700;
        }
      `}</style>
    </Frame>
  );
}
