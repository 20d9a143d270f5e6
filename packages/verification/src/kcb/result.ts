/** Normalises a checked KCB identity into the shared {@link VerificationResult}. */
import { type VerificationResult } from '../result.js';
import { type KcbIdentity } from './endpoints.js';

/** KCB's product in `serviceType`: phone (휴대폰) identity verification via the popup. */
export const KCB_SERVICE_TYPE = 'phone-popup';

export function toKcbVerificationResult(
  identity: KcbIdentity,
  context: { rqstSvcTxSeqno: string; now?: Date },
): VerificationResult {
  return {
    provider: 'kcb',
    serviceType: KCB_SERVICE_TYPE,
    ci: identity.ci,
    di: identity.di,
    name: identity.name,
    ...(identity.birthday !== undefined ? { birthday: identity.birthday } : {}),
    ...(identity.gender !== undefined ? { gender: identity.gender } : {}),
    ...(identity.nation !== undefined ? { nation: identity.nation } : {}),
    phone: identity.phone,
    // popup-result carries no issue time we can rely on: the moment we accepted it.
    verifiedAt: (context.now ?? new Date()).toISOString(),
    providerTxId: context.rqstSvcTxSeqno,
  };
}
