import { randomUUID } from 'node:crypto';

/** Incoming ids are kept when they look like ids; anything else is replaced (no header injection, no PII). */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/** The same rule in nginx's regex dialect, for the generated config. */
export const NGINX_REQUEST_ID_PATTERN = '^[A-Za-z0-9._-]{1,128}$';
