import { API_PATHS, myConsentsResponseSchema, type ConsentState } from '@mfv/api-contract';
import { logEvent, type AuthContext } from '@mfv/auth';

/** A slow api must not hold 내 정보 back: without an answer the section says so. */
const MY_CONSENTS_TIMEOUT_MS = 1500;

/** The member's optional consent items for 내 정보's server render, or null when the api did not answer. */
export async function readOptionalConsents(auth: AuthContext): Promise<ConsentState[] | null> {
  try {
    const { items } = await auth.api(API_PATHS.myConsents, {
      schema: myConsentsResponseSchema,
      timeoutMs: MY_CONSENTS_TIMEOUT_MS,
    });
    return items.filter((item) => !item.required);
  } catch (error) {
    logEvent('warn', 'consents not rendered on the server', {
      requestId: auth.requestId,
      reason: error instanceof Error ? error.message : String(error),
    });
    return null;
  }
}
