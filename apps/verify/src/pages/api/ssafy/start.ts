import { apiRoute } from '../../../server/routes';

/** POST /verify/api/ssafy/start — a transaction bound to this browser; answers its `state` (CSRF). */
export default apiRoute('ssafyStart');
