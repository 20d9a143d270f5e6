/**
 * Typed errors of @mfv/mtls (docs/architecture.md "Conventions in the code", protocol clients: exported codes, a `cause` with
 * context). Messages name files and variables, never key or certificate bytes.
 */

export const MTLS_ERROR_CODES = [
  /** Contradictory options, e.g. a file path and an inline PEM for the same item. */
  'MTLS_CONFIG_INVALID',
  /** No certificate or no key from any source. */
  'MTLS_MATERIAL_MISSING',
  /** A configured file does not exist, is not a regular file, is too large, or cannot be read. */
  'MTLS_FILE_UNREADABLE',
  /** The private-key file can be read or written by group or others (must be 0600 or stricter). */
  'MTLS_KEY_FILE_PERMISSIONS',
  'MTLS_CERT_INVALID',
  'MTLS_KEY_INVALID',
  'MTLS_CA_INVALID',
  'MTLS_CERT_EXPIRED',
  'MTLS_CERT_NOT_YET_VALID',
  /** The private key is not the key of the certificate. */
  'MTLS_KEY_MISMATCH',
] as const;
export type MtlsErrorCode = (typeof MTLS_ERROR_CODES)[number];

export interface MtlsErrorContext {
  /** Which item: the client certificate, its key, or the CA bundle. */
  item?: 'cert' | 'key' | 'ca';
  /** Where it came from, e.g. `file:/etc/mfv/client.key`, `env:MTLS_KEY`, `secret:/run/secrets/x`. */
  source?: string;
  [key: string]: unknown;
}

export class MtlsError extends Error {
  override name = 'MtlsError';
  declare readonly cause: MtlsErrorContext;
  constructor(
    readonly code: MtlsErrorCode,
    message: string,
    context: MtlsErrorContext = {},
  ) {
    super(message, { cause: context });
  }
}
