import { ERROR_COPY } from '@mfv/ui/site';
import VerifyCard from './VerifyCard';

/** This remote's 404 and 500 (the site's copy), in the site's frame, with a way home and to help. */
export default function ErrorCard({
  kind,
  title,
  body,
}: {
  kind: 'not-found' | 'server-error';
  title: string;
  body: string;
}) {
  return (
    <VerifyCard title={title} description={body}>
      <div data-error-page={kind}>
        <p>{body}</p>
        <div className="vc-actions">
          <a className="vc-button" href="/">
            {ERROR_COPY.home}
          </a>
          <a className="vc-button secondary" href="/support">
            {ERROR_COPY.support}
          </a>
        </div>
      </div>
    </VerifyCard>
  );
}
