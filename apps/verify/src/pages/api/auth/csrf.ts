import { csrfHandler } from '@mfv/auth';

/** GET /verify/api/auth/csrf — a CSRF token for this browser's session (see @mfv/auth csrf.ts). */
export default csrfHandler;
