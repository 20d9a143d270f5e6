/**
 * Maps login-me into the platform identity. Decrypts each agreed field (crypto.ts) and checks
 * its format; required fields that were not agreed (`null`) are a {@link TossProtocolError}
 * `TOSS_MISSING_CONSENT_FIELD` naming them. Values from the login guide's examples and public
 * integrations: gender `MALE`/`FEMALE`, nationality `LOCAL`/`FOREIGNER`, birthday `yyyyMMdd`.
 */
import { decryptTossField, type TossDecryptionKey } from './crypto.js';
import { type TossLoginMe } from './endpoints.js';
import { TossProtocolError } from './errors.js';

export const TOSS_GENDERS = { MALE: 'male', FEMALE: 'female' } as const;
export const TOSS_NATIONALITIES = { LOCAL: 'domestic', FOREIGNER: 'foreign' } as const;

export interface TossIdentity {
  provider: 'toss';
  /** login-me `userKey`. */
  subject: string;
  name: string;
  /** Digits only. */
  phone: string;
  /** `YYYYMMDD`. */
  birthday: string;
  gender: 'male' | 'female';
  nationality: 'domestic' | 'foreign';
  ci: string;
  email?: string;
}

const REQUIRED = ['name', 'phone', 'birthday', 'gender', 'nationality', 'ci'] as const;

function realYmd(value: string): string | undefined {
  const digits = /^\d{4}-?\d{2}-?\d{2}$/.test(value) ? value.replace(/-/g, '') : '';
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(digits);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900
    ? digits
    : undefined;
}

function invalid(field: string): never {
  throw new TossProtocolError(
    'TOSS_INVALID_RESPONSE',
    `Toss login-me ${field} decrypted to an invalid value`,
    {
      step: 'login-me',
      fields: [field],
    },
  );
}

export function toTossIdentity(me: TossLoginMe, decryption: TossDecryptionKey): TossIdentity {
  const missing = REQUIRED.filter((f) => me.encrypted[f] === null);
  if (missing.length > 0) {
    throw new TossProtocolError(
      'TOSS_MISSING_CONSENT_FIELD',
      `Toss login-me has no ${missing.join(', ')} (not agreed)`,
      {
        step: 'login-me',
        fields: missing,
      },
    );
  }
  const open = (field: (typeof REQUIRED)[number] | 'email'): string =>
    decryptTossField(me.encrypted[field] as string, decryption, field).trim();

  const name = open('name');
  if (name === '' || name.length > 100) invalid('name');
  const phone = open('phone').replace(/[\s-]/g, '');
  if (!/^\d{9,12}$/.test(phone)) invalid('phone');
  const birthday = realYmd(open('birthday'));
  if (birthday === undefined) invalid('birthday');
  const gender = TOSS_GENDERS[open('gender').toUpperCase() as keyof typeof TOSS_GENDERS];
  if (gender === undefined) invalid('gender');
  const nationality =
    TOSS_NATIONALITIES[open('nationality').toUpperCase() as keyof typeof TOSS_NATIONALITIES];
  if (nationality === undefined) invalid('nationality');
  const ci = open('ci');
  if (ci === '' || ci.length > 200) invalid('ci');
  const identity: TossIdentity = {
    provider: 'toss',
    subject: me.userKey,
    name,
    phone,
    birthday,
    gender,
    nationality,
    ci,
  };
  if (me.encrypted.email !== null) {
    const email = open('email');
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) invalid('email');
    identity.email = email;
  }
  return identity;
}
