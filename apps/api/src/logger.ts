import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Never logged: credentials in headers, and token values anywhere they might be attached to a log
 * object. Fastify's request serializer does not log headers at all; this is the second line.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-internal-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-internal-token"]',
  'accessToken',
  'refreshToken',
  'signupTicket',
  'internalToken',
  '*.accessToken',
  '*.refreshToken',
  '*.signupTicket',
  '*.internalToken',
];

/** JSON lines on stdout (or `destination`), ISO timestamps, secrets redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
