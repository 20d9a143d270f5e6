/**
 * The integrator's transaction id, `clientTxId` (본인확인-API 가이드 §4 and its sample code): unique per
 * transaction, "이용기관식별자 PREFIX" of at most 8 letters or digits followed by a random id,
 * "20자 이상 40자 이내" in all. (The §4 table says "20byte 이상 50byte 미만"; we keep to the
 * narrower sample-code rule, which satisfies both.)
 */
import { randomBytes } from 'node:crypto';
import { MokValidationError } from './errors.js';

export const MOK_CLIENT_TX_ID_PREFIX_PATTERN = /^[A-Za-z0-9]{1,8}$/;
export const MOK_CLIENT_TX_ID_PATTERN = /^[A-Za-z0-9]{20,40}$/;
/** 16 random bytes as 32 hex characters: a prefix of 1–8 characters gives 33–40 in all. */
export const MOK_CLIENT_TX_ID_RANDOM_BYTES = 16;

export function isValidMokClientTxId(value: string): boolean {
  return MOK_CLIENT_TX_ID_PATTERN.test(value);
}

/** A fresh `clientTxId`: `prefix` + 128 random bits in hex. */
export function generateMokClientTxId(prefix: string): string {
  if (!MOK_CLIENT_TX_ID_PREFIX_PATTERN.test(prefix)) {
    throw new MokValidationError('MOK_INVALID_CLIENT_TX_ID', [
      { path: 'prefix', message: 'must be 1–8 letters or digits' },
    ]);
  }
  return prefix + randomBytes(MOK_CLIENT_TX_ID_RANDOM_BYTES).toString('hex');
}

export function assertValidMokClientTxId(value: string): void {
  if (!isValidMokClientTxId(value)) {
    throw new MokValidationError(
      'MOK_INVALID_CLIENT_TX_ID',
      [{ path: 'clientTxId', message: 'must be 20–40 letters or digits' }],
      { step: 'token' },
    );
  }
}
