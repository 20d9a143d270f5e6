import { meResponseSchema } from '@mfv/api/contract';
import { withAuth } from '@mfv/auth';

/** GET /user/api/me — the signed-in member, from the api. */
export default withAuth(async (req, res) => {
  res.setHeader('Cache-Control', 'no-store');
  res.status(200).json(await req.auth.api('/users/me', { schema: meResponseSchema }));
});
