/**
 * The carrier's side of auth/request: whose phone is this, and do name, birthday, gender and
 * nationality match the subscriber (명의인증)?
 */
import { type MokAuthInfo } from './auth-info.js';
import { MOK_CODES } from './codes.js';
import { type MokContext, type MokPersonaEntry } from './context.js';

export type MokMatch =
  { readonly ok: true; readonly entry: MokPersonaEntry } | { readonly ok: false; readonly code: string };

export function matchSubscriber(ctx: MokContext, info: MokAuthInfo): MokMatch {
  const entry = ctx.personas.byPhone.get(info.userPhone);
  if (info.serviceType === 'SMSAuth') {
    // SMS 소유인증 proves possession of the number only: nothing but the number is checked, and a
    // number nobody in the sandbox owns cannot receive the message.
    return entry === undefined ? { ok: false, code: MOK_CODES.SMS_NOT_DELIVERED } : { ok: true, entry };
  }
  const p = entry?.persona;
  if (
    entry === undefined ||
    p === undefined ||
    p.name !== info.userName ||
    (info.userBirthday !== undefined && p.birthday !== info.userBirthday) ||
    (info.userGender !== undefined && p.gender !== info.userGender) ||
    (info.userNation !== undefined && p.nation !== info.userNation)
  ) {
    return { ok: false, code: MOK_CODES.IDENTITY_MISMATCH };
  }
  if (p.carrier !== info.providerId) {
    const mvnoAsLgu = info.reqAuthType === 'PASS' && p.carrier === 'LGUMVNO' && info.providerId === 'LGU';
    return { ok: false, code: mvnoAsLgu ? MOK_CODES.LGU_MVNO_SUBSCRIBER : MOK_CODES.WRONG_CARRIER };
  }
  return { ok: true, entry };
}
