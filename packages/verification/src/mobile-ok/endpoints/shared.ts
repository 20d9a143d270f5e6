/** What every mobile-ok endpoint module shares: limits, options and the response checks (see ../endpoints.ts). */
import { z } from 'zod';
import { mokUrl, MOK_PATHS, type MokClient } from '../client.js';
import { MOK_SUCCESS_CODE, type MokStep } from '../codes.js';
import { MokProtocolError, MokResultError, MokValidationError } from '../errors.js';
import { postMokJson } from '../http.js';

/** Tokens are opaque base64-ish strings of a few hundred bytes; this bounds what we accept. */
export const MOK_MAX_TOKEN_LENGTH = 16 * 1024;

export interface MokRequestOptions {
  signal?: AbortSignal;
}

// ---------------------------------------------------------------------------------------------
// Shared response checks

export const token = z.string().min(1).max(MOK_MAX_TOKEN_LENGTH);
/** Counts arrive as numbers or numeric strings depending on the stack; both are accepted. */
export const count = z.union([
  z.number().int().min(0).max(99),
  z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number),
]);
export const resultCode = z.string().regex(/^\d{4}$/);

export function invalidResponse(step: MokStep, error: z.ZodError): MokProtocolError {
  const fields = [...new Set(error.issues.map((i) => i.path.map(String).join('.') || '(root)'))];
  return new MokProtocolError(
    'MOK_INVALID_RESPONSE',
    `mobile-ok ${step} response is missing or has invalid: ${fields.join(', ')}`,
    { step, fields },
  );
}

export function optional<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Reads the JSON body and checks `resultCode`. Returns the object when it is "2000"; throws
 * {@link MokResultError} (with the catalogue entry) when it is another code, and
 * {@link MokProtocolError} when the answer is not a mobile-ok response at all.
 */
export async function readMokResponse(response: Response, step: MokStep): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new MokProtocolError('MOK_INVALID_JSON', `mobile-ok ${step} response body could not be read`, {
      step,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  const record = isObject ? (body as Record<string, unknown>) : undefined;
  const code = record === undefined ? undefined : optional(resultCode, record.resultCode);

  if (record !== undefined && code !== undefined && code !== MOK_SUCCESS_CODE) {
    throw new MokResultError({
      step,
      resultCode: code,
      resultMsg: optional(z.string(), record.resultMsg),
      encryptMOKToken: optional(token, record.encryptMOKToken),
      retryCount: optional(count, record.retryCount),
      resendCount: optional(count, record.resendCount),
    });
  }
  if (response.status !== 200) {
    throw new MokProtocolError(
      'MOK_UNEXPECTED_STATUS',
      `mobile-ok ${step} answered HTTP ${response.status}`,
      {
        step,
        status: response.status,
      },
    );
  }
  if (record === undefined) {
    throw new MokProtocolError('MOK_INVALID_JSON', `mobile-ok ${step} response is not a JSON object`, {
      step,
    });
  }
  if (code === undefined) {
    throw new MokProtocolError('MOK_INVALID_RESPONSE', `mobile-ok ${step} response has no valid resultCode`, {
      step,
      fields: ['resultCode'],
    });
  }
  return record;
}

export function parseFields<S extends z.ZodType>(
  step: MokStep,
  schema: S,
  record: Record<string, unknown>,
): z.output<S> {
  const parsed = schema.safeParse(record);
  if (!parsed.success) throw invalidResponse(step, parsed.error);
  return parsed.data;
}

export function requireToken(step: MokStep, value: string): void {
  if (!token.safeParse(value).success) {
    throw new MokValidationError(
      'MOK_INVALID_ARGUMENT',
      [{ path: 'encryptMOKToken', message: 'must be the token from the previous step' }],
      {
        step,
      },
    );
  }
}

/**
 * POST `{encryptMOKToken}` and nothing else — the body of auth/resend (§5.2) and auth/call (§6):
 * the token checked first, then sent as the step's request.
 */
export function postTokenOnly(
  client: MokClient,
  step: 'resend' | 'call',
  encryptMOKToken: string,
  options: MokRequestOptions,
): Promise<Response> {
  requireToken(step, encryptMOKToken);
  return postMokJson(mokUrl(client, MOK_PATHS[step]), { encryptMOKToken }, client.transport, {
    step,
    signal: options.signal,
  });
}
