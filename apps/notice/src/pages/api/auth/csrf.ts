import { csrfHandler } from '@mfv/auth';

/** GET /notice/api/auth/csrf — a CSRF token for this browser's session (see @mfv/auth csrf.ts). */
export default csrfHandler;
