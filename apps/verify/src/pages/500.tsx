import { ERROR_COPY } from '@mfv/ui/site';
import ErrorCard from '../core/ui/ErrorCard';

/** A page of this remote that failed: the site's Korean 500 in the site's frame, with a way home. */
export default function ServerError() {
  return (
    <ErrorCard kind="server-error" title={ERROR_COPY.serverErrorTitle} body={ERROR_COPY.serverErrorBody} />
  );
}
