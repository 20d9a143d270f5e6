import { ERROR_COPY } from '@mfv/ui/site';
import ErrorCard from '../core/ui/ErrorCard';

/** /verify/… that does not exist: the site's Korean 404 in the site's frame, with a way home. */
export default function NotFound() {
  return <ErrorCard kind="not-found" title={ERROR_COPY.notFoundTitle} body={ERROR_COPY.notFoundBody} />;
}
