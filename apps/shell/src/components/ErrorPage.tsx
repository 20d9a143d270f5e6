import { ERROR_CSS, ErrorContent, errorCopy, type ErrorKind } from '@mfv/ui/page';
import { PageHead } from './PageHead';

/**
 * The shell's 404 and 500: the same content as every remote's (`@mfv/ui/page`'s ErrorContent), in
 * the shell's own layout, which already carries the site's header and footer.
 */
export function ErrorPage({ kind }: { kind: ErrorKind }) {
  const { title, body } = errorCopy(kind);
  return (
    <>
      <PageHead title={title} description={body} />
      <ErrorContent kind={kind} />
      <style dangerouslySetInnerHTML={{ __html: ERROR_CSS }} />
    </>
  );
}
