import { apiRoute } from '../../../server/routes';

/** POST /verify/api/mok/resend — auth/resend while re-sends are left (CSRF). */
export default apiRoute('mokResend');
