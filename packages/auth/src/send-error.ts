/**
 * How a guarded or public API route answers an error (docs/auth.md): 503 + Retry-After when a
 * dependency is away, the error's own 4xx body for the caller's mistakes, and a logged 500
 * without details for anything unexpected.
 */
import type { NextApiResponse } from 'next';
import { BackendError, BackendUnavailableError } from './backend.js';
import { BodyError } from './body.js';
import { AUTH_RETRY_AFTER_SECONDS, AuthError, AuthUnavailableError } from './errors.js';
import { logEvent, reportUnexpected } from './log.js';

export function sendError(res: NextApiResponse, error: unknown, requestId: string, where: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (error instanceof AuthUnavailableError || error instanceof BackendUnavailableError) {
    logEvent('warn', 'dependency unavailable', {
      requestId,
      where,
      dependency: error instanceof AuthUnavailableError ? error.dependency : 'api',
    });
    res.setHeader('Retry-After', String(AUTH_RETRY_AFTER_SECONDS));
    res
      .status(503)
      .json(
        error instanceof AuthUnavailableError
          ? error.toBody()
          : { code: error.code, message: '서비스가 잠시 응답하지 않아요. 잠시 후 다시 시도해 주세요.' },
      );
    return;
  }
  if (error instanceof AuthError) {
    res.status(error.status).json(error.toBody());
    return;
  }
  if (error instanceof BodyError) {
    // The caller's mistake (F7): a line at info, never an "unexpected error" or a Sentry event.
    logEvent('info', 'request body refused', { requestId, where, code: error.code });
    res.status(error.status).json(error.toBody());
    return;
  }
  if (error instanceof BackendError && error.status < 500) {
    res.status(error.status).json({ code: error.code, message: error.message });
    return;
  }
  reportUnexpected(error, requestId, where);
  res.status(500).json({ code: 'INTERNAL', message: '요청을 처리하지 못했어요.', requestId });
}
