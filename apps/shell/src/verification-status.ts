import { API_PATHS, verificationStatusSchema, type VerificationStatus } from '@mfv/api-contract';
import { logEvent, type AuthContext } from '@mfv/auth';

/** A page never waits longer than this for the verification status: past it, the status is left out. */
export const SSR_VERIFICATION_TIMEOUT_MS = 800;

/**
 * The signed-in member's verification status (GET /verifications/me) for the server render of
 * every shell page (the user menu; /verification), or null when the api is away, slow or answers
 * something else: the page renders without it, never with an error and never with "unverified"
 * for a status nobody read.
 */
export async function ssrVerification(auth: AuthContext): Promise<VerificationStatus | null> {
  try {
    return await auth.api(API_PATHS.verificationsMe, {
      schema: verificationStatusSchema,
      timeoutMs: SSR_VERIFICATION_TIMEOUT_MS,
    });
  } catch (error) {
    logEvent('warn', 'verification status not rendered on the server', {
      requestId: auth.requestId,
      reason: error instanceof Error ? error.message : String(error),
    });
    return null;
  }
}
