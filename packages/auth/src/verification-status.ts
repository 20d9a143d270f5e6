import { API_PATHS, verificationStatusSchema, type VerificationStatus } from '@mfv/api-contract';
import type { AuthContext } from './auth.js';
import { logEvent } from './log.js';

/** A server render never waits longer than this for the verification status: past it, it is left out. */
export const VERIFICATION_STATUS_TIMEOUT_MS = 800;

/**
 * The signed-in member's verification status (GET /verifications/me) for a server render — the
 * shell's pages (user menu, /verification) and the user remote's 내 정보 — or null when the api is
 * away, slow or answers off the contract: the page then renders without it, never with an error
 * and never with "unverified" for a status nobody read (docs/architecture.md, "A lasting status").
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
