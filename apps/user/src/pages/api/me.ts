import { meResponseSchema } from '@mfv/api-contract';
import { withAuth } from '@mfv/auth';

/** GET /user/api/me — the signed-in member, from the api. */
export default withAuth(async (req, res) => {
  res.setHeader('Cache-Control', 'no-store');
  res.status(200).json(await req.auth.api('/users/me', { schema: meResponseSchema }));
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
