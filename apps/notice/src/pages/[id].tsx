import { API_PATHS, noticeIdParamsSchema, noticeResponseSchema, type Notice } from '@mfv/api-contract';
import { BackendError, withAuthSSR, type AuthPageProps } from '@mfv/auth';
import type { GetServerSideProps } from 'next';
import { useEffect } from 'react';
import { Frame } from '../components/Frame';
import { formatDate } from '../lib/notices';
import { markRead } from '../lib/use-notices';

type Props = AuthPageProps<{ notice: Notice }>;

/**
 * /notice/:id — one notice, opened from the bell or a list. Opening it marks it read (a POST from
 * the browser, CSRF-protected; the GET itself changes nothing).
 */
export default function NoticeDetail(props: Props) {
  const notice = 'notice' in props ? props.notice : null;
  useEffect(() => {
    if (notice && !notice.read) void markRead(notice.id);
  }, [notice]);
  if (!notice) {
    return (
      <Frame title="알림">
        <p role="alert">{props.auth.status === 'unavailable' ? props.auth.message : ''}</p>
      </Frame>
    );
  }
  return (
    <Frame title={notice.title} description={notice.body.slice(0, 120)}>
      <article data-notice-id={notice.id}>
        <h1>{notice.title}</h1>
        <p className="date">
          <time dateTime={notice.publishedAt}>{formatDate(notice.publishedAt)}</time>
        </p>
        <p className="body">{notice.body}</p>
      </article>
      <a className="back" href="/notice">
        알림 목록으로
      </a>
      <style jsx>{`
        h1 {
          font-size: 22px;
          margin: 0 0 4px;
        }
        .date {
          margin: 0 0 16px;
          color: #4b5563;
          font-size: 14px;
        }
        .body {
          white-space: pre-line;
          line-height: 1.7;
        }
        .back {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          padding: 0 16px;
          margin-top: 16px;
          border: 1px solid #d0d7de;
          border-radius: 10px;
          color: #111827;
          text-decoration: none;
        }
      `}</style>
    </Frame>
  );
}

const withNotice = withAuthSSR<{ notice: Notice }>(
  async (ctx, auth) => {
    const id = String(ctx.params?.id);
    let notice: Notice;
    try {
      // GET /notices/:id: any published notice, however old; 404 for one that is not (yet) there.
      notice = await auth.api(API_PATHS.notice(id), { schema: noticeResponseSchema });
    } catch (error) {
      if (error instanceof BackendError && error.code === 'NOTICE_NOT_FOUND') return { notFound: true };
      throw error;
    }
    ctx.res.setHeader('Cache-Control', 'private, no-store');
    return { props: { notice } };
  },
  { app: 'notice' },
);

/** A path that cannot be a notice (not a UUID) is a 404 for everyone, signed in or not. */
export const getServerSideProps: GetServerSideProps<Props> = async (ctx) =>
  noticeIdParamsSchema.safeParse({ id: ctx.params?.id }).success ? withNotice(ctx) : { notFound: true };
