/**
 * A mobile-ok result → the record handed off (the last part of confirm, ./steps/confirm.ts): decrypted,
 * the guide's mandatory checks, and the person compared with the data they entered.
 */
import {
  checkMokResult,
  decryptMokResult,
  openMokResult,
  parseMokResult,
  type MokClient,
} from '@mfv/verification/mobile-ok';
import { VerifyError } from '../../core/errors';
import type { VerificationRecord } from '../../core/handoff';
import { customerMessage } from './errors';
import { MOK_SERVICES, type MokServiceId } from './rules';

export const MOK_PROVIDER = 'mobile-ok';

/** Name, phone and birthday as entered (sealed in the transaction while it lives). */
export interface EnteredData {
  name: string;
  phone: string;
  birthday?: string;
}

/**
 * encryptMOKResult → the record to hand off. The 본인확인-API 가이드's two mandatory checks (§7) run in
 * checkMokResult: the result's clientTxId is this transaction's, and its issueDate is at most
 * 10 minutes old. Then the person must be the one whose data was entered.
 */
export function openMokRecord(
  encryptMOKResult: string,
  client: MokClient,
  tx: { service: MokServiceId; clientTxId: string },
  /** What the person entered (unsealed), or null when it is gone. */
  entered: EnteredData | null,
  now: Date,
): VerificationRecord {
  const info = MOK_SERVICES[tx.service];
  const expect = {
    expectedClientTxId: tx.clientTxId,
    expectedServiceType: info.serviceType,
    now,
  };
  let record: VerificationRecord;
  let name: string | undefined;
  let birthday: string | undefined;
  if (info.serviceType === 'SMSAuth') {
    // SMS 소유인증 proves the number only: no CI/DI, so no VerificationResult (openMokResult refuses it).
    const result = parseMokResult(decryptMokResult(encryptMOKResult, client.keyInfo.clientPrivateKey));
    const { issuedAt } = checkMokResult(result, expect);
    record = {
      provider: MOK_PROVIDER,
      serviceType: info.serviceType,
      phone: result.userPhone,
      verifiedAt: issuedAt.toISOString(),
    };
  } else {
    const { verification: v } = openMokResult(encryptMOKResult, {
      clientPrivateKey: client.keyInfo.clientPrivateKey,
      ...expect,
    });
    record = {
      provider: MOK_PROVIDER,
      // The product asked for: an ARS result may say "telcoAuth" (guide §7 ARS example).
      serviceType: info.serviceType,
      ci: v.ci,
      di: v.di,
      name: v.name,
      birthday: v.birthday,
      gender: v.gender,
      nation: v.nation,
      phone: v.phone,
      verifiedAt: v.verifiedAt,
      ...(v.isAdult !== undefined ? { isAdult: v.isAdult } : {}),
    };
    name = v.name;
    birthday = v.birthday;
  }
  const matches =
    entered !== null &&
    entered.phone === record.phone &&
    (name === undefined || entered.name === name.trim()) &&
    (entered.birthday === undefined || birthday === undefined || entered.birthday === birthday);
  if (!matches) {
    throw new VerifyError(409, 'MOK_RESULT_MISMATCH', customerMessage('2910', 'auth'), { restart: true });
  }
  return record;
}
