import { apiRoute } from '../../../server/routes';

/** POST /verify/api/mok/start {service} — token/get; a new transaction bound to this browser (CSRF). */
export default apiRoute('mokStart');
