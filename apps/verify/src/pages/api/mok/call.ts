import { apiRoute } from '../../../server/routes';

/** POST /verify/api/mok/call — auth/call: the ARS call (CSRF). */
export default apiRoute('mokCall');
