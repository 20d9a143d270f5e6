import { API_PATHS, verificationStatusSchema, type VerificationStatus } from '@mfv/api-contract';
import { logEvent, type AuthContext } from '@mfv/auth';

/** 내 정보 never waits longer than this for the verification status: past it, the status is left out. */
export const VERIFICATION_STATUS_TIMEOUT_MS = 800;

/**
 * The signed-in member's verification status (GET /verifications/me) for a server render, or null
 * when the api is away, slow or answers something else: the page then renders without it, never
 * with an error and never with "unverified" for a status nobody read.
 */
export async function readVerificationStatus(auth: AuthContext): Promise<VerificationStatus | null> {
  try {
    return await auth.api(API_PATHS.verificationsMe, {
      schema: verificationStatusSchema,
      timeoutMs: VERIFICATION_STATUS_TIMEOUT_MS,
    });
  } catch (error) {
    logEvent('warn', 'verification status not rendered on the server', {
      requestId: auth.requestId,
      reason: error instanceof Error ? error.message : String(error),
    });
    return null;
  }
}
