import { apiRoute } from '../../../server/routes';

/** POST /verify/api/mok/confirm {authNumber?} — confirm/request, result checks, hand-off → one-time ticket (CSRF). */
export default apiRoute('mokConfirm');
