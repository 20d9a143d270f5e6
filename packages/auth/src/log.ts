import * as Sentry from '@sentry/nextjs';
import { scrubSentryEvent } from './sentry.js';

/**
 * Structured JSON lines with the request id. Callers pass codes and ids only: never tokens,
 * cookies or personal data (nothing here tries to redact; nothing sensitive is handed in).
 */
export type LogFields = Record<string, string | number | boolean | undefined>;

export function logEvent(level: 'info' | 'warn' | 'error', msg: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields });
  (level === 'info' ? process.stdout : process.stderr).write(line + '\n');
}

/** Unexpected errors: one log line (no stack in responses) and Sentry, tagged with the request id. */
export function reportUnexpected(error: unknown, requestId: string, where: string): void {
  logEvent('error', 'unexpected error', {
    requestId,
    where,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
  // A no-op unless the app initialised Sentry (SENTRY_DSN set).
  Sentry.withScope((scope) => {
    scope.setTag('request_id', requestId);
    scope.setTag('where', where);
    // Also when the app's init forgot beforeSend: nothing from the request but its id leaves.
    scope.addEventProcessor((event) => scrubSentryEvent(event));
    Sentry.captureException(error);
  });
}
