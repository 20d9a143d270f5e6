/** Strict standard base64: `Buffer.from(…, 'base64')` silently skips garbage, this does not. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeStrictBase64(value: string): Buffer | undefined {
  if (value.length === 0 || !BASE64.test(value)) return undefined;
  return Buffer.from(value, 'base64');
}
