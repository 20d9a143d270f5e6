import { apiRoute } from '../../../server/routes';

/** POST /verify/api/mok/request {carrier, name, phone, birthday, gender, nation, usageCode} — auth/request (CSRF). */
export default apiRoute('mokRequest');
