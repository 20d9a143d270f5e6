import type { ReactNode } from 'react';
import { PageHead } from './PageHead';

/** A text page of the site (terms, privacy policy, help): a title, a date, sections. */
export function Article({
  title,
  description,
  updated,
  children,
}: {
  title: string;
  description: string;
  /** When the text last changed, as people read it ("2026.01.01"). */
  updated?: string;
  children: ReactNode;
}) {
  return (
    <article className="doc">
      <PageHead title={title} description={description} />
      <h1>{title}</h1>
      {updated && <p className="updated">시행일: {updated}</p>}
      {children}
      <style jsx>{`
        .doc {
          max-width: 720px;
          margin: 0 auto;
        }
        h1 {
          font-size: 24px;
          margin: 0 0 4px;
        }
        .updated {
          margin: 0 0 20px;
          color: #4b5563;
          font-size: 14px;
        }
      `}</style>
      <style jsx global>{`
        .doc h2 {
          font-size: 18px;
          margin: 24px 0 8px;
        }
        .doc p,
        .doc li {
          color: #1f2937;
        }
        .doc ul,
        .doc ol {
          padding-left: 20px;
        }
        .doc table {
          width: 100%;
          border-collapse: collapse;
          font-size: 14px;
        }
        .doc th,
        .doc td {
          border: 1px solid #e5e7eb;
          padding: 8px;
          text-align: left;
          vertical-align: top;
        }
        .doc th {
          background: #f3f4f6;
        }
      `}</style>
    </article>
  );
}
