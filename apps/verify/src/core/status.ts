/**
 * The signed-in member's lasting verification status (GET /verifications/me on the api), for the
 * result pages a reload reaches after the one-time ticket is spent (KCB) or the page state is gone
 * (SSAFY): they show the completed state from the server, never from anything in the URL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PATHS, verificationStatusSchema } from '@mfv/api-contract';
import { defaultAuth, logEvent } from '@mfv/auth';
import type { VerifiedStatusView } from '@mfv/ui/verification';

/** A result page never waits longer than this for the status: past it, the page renders without. */
export const STATUS_TIMEOUT_MS = 800;

/** The member's verified status, or null (signed out, never verified, the api away or slow). */
export async function readVerifiedStatus(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<VerifiedStatusView | null> {
  const viewer = await defaultAuth().getViewer(req, res);
  if (viewer.status !== 'signed-in') return null;
  try {
    const status = await viewer.auth.api(API_PATHS.verificationsMe, {
      schema: verificationStatusSchema,
      timeoutMs: STATUS_TIMEOUT_MS,
    });
    if (!status.verified) return null;
    return {
      verified: true,
      kind: status.kind,
      verifiedAt: status.verifiedAt,
      ...(status.maskedName ? { maskedName: status.maskedName } : {}),
    };
  } catch (error) {
    logEvent('warn', 'verification status not read for a result page', {
      requestId: viewer.auth.requestId,
      reason: error instanceof Error ? error.message : String(error),
    });
    return null;
  }
}
