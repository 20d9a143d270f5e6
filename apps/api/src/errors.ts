import { ERROR_STATUS, type ErrorCode } from '@mfv/api-contract';

/**
 * A failure the api knows how to explain: it maps to `ERROR_STATUS[code]` and `{ code, message }`.
 * Anything else that escapes a route is an internal error (logged, answered with a generic 500).
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = ERROR_STATUS[code];
    this.headers = options?.headers ?? {};
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
