import {
  API_PATHS,
  changeConsentRequestSchema,
  changeConsentResponseSchema,
  consentItemSchema,
} from '@mfv/api-contract';
import { readJsonBody, withAuth, refuseMethod } from '@mfv/auth';

/** {item, agreed, version}: the item, given (true) or withdrawn (false), and the version shown. */
const bodySchema = changeConsentRequestSchema.extend({ item: consentItemSchema }).strict();

/**
 * POST /user/api/consents (CSRF) — the member gives or withdraws an optional consent item from 내
 * 정보; the api records the change with its time (a [필수] item: 409 CONSENT_NOT_OPTIONAL).
 * Answers the item's new state.
 */
export default withAuth(async (req, res) => {
  if (refuseMethod(req.method, res, ['POST'])) return;
  const parsed = bodySchema.safeParse(await readJsonBody(req));
  if (!parsed.success) {
    res.status(400).json({ code: 'INVALID_CONSENT', message: '선택한 내용을 확인해 주세요.' });
    return;
  }
  const { item, agreed, version } = parsed.data;
  const state = await req.auth.api(API_PATHS.myConsent(item), {
    method: 'PUT',
    body: { agreed, version },
    schema: changeConsentResponseSchema,
  });
  res.setHeader('Cache-Control', 'no-store');
  res.status(200).json(state);
});

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
