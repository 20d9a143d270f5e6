import type { IncomingMessage } from 'node:http';

/**
 * Request bodies of our API routes (red-team finding F7). Next's own body parser answers a
 * malformed or oversized body with text/plain and reports it to onRequestError as if it were a
 * crash (one "unexpected error" log line and one Sentry event per anonymous request). Routes
 * turn it off (`export const config = { api: { bodyParser: false } }`) and read with this:
 * 415 / 400 / 413 as `{code, message}`, which the callers log at info.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export const BODY_ERRORS = {
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '요청 형식은 JSON이어야 해요.' },
  INVALID_JSON: { status: 400, message: '요청 본문이 올바른 JSON이 아니에요.' },
  BODY_TOO_LARGE: { status: 413, message: '요청 본문이 너무 커요.' },
} as const;

export type BodyErrorCode = keyof typeof BODY_ERRORS;

export class BodyError extends Error {
  override name = 'BodyError';
  readonly status: number;
  constructor(readonly code: BodyErrorCode) {
    super(BODY_ERRORS[code].message);
    this.status = BODY_ERRORS[code].status;
  }

  toBody(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

function isJsonType(header: string | undefined): boolean {
  const type = header?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * The JSON body of a request, or `undefined` when there is none. Throws BodyError: 415 for a
 * body that is not declared JSON, 413 past `limitBytes` (declared or counted, reading stops
 * there), 400 for malformed JSON or text that is not UTF-8.
 */
export async function readJsonBody(
  req: IncomingMessage,
  limitBytes: number = DEFAULT_BODY_LIMIT_BYTES,
): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (!chunked && (Number.isNaN(declared) || declared === 0)) return undefined;
  if (!isJsonType(req.headers['content-type'])) throw new BodyError('UNSUPPORTED_MEDIA_TYPE');
  if (declared > limitBytes) throw new BodyError('BODY_TOO_LARGE');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new BodyError('BODY_TOO_LARGE');
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new BodyError('INVALID_JSON');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError('INVALID_JSON');
  }
}
