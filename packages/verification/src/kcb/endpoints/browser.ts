/** KCB the browser step (the form for KCB's page, the callback's svc_tkn) (see ../endpoints.ts). */
import { timingSafeEqual } from 'node:crypto';
import { type KcbClient } from '../client.js';
import { KcbResultCheckError } from '../errors.js';

/** What the browser needs to open KCB's page: data only, no key material. */
export interface KcbPopupForm {
  action: string;
  method: 'POST';
  fields: { tc: string; idcf_mbr_com_cd: string; svc_tkn: string };
}

/** The form the browser POSTs to KCB (`tc`, `idcf_mbr_com_cd`, `svc_tkn`, as public integrations post it). */
export function kcbPopupForm(client: KcbClient, svcTkn: string): KcbPopupForm {
  return {
    action: client.popupUrl,
    method: 'POST',
    fields: { tc: client.tc, idcf_mbr_com_cd: client.memberCode, svc_tkn: svcTkn },
  };
}

/**
 * The callback's `svc_tkn` (query string) must be the one this browser session's
 * transaction started with — the server-side binding public integrations lacked.
 * Constant-time compare.
 */
export function assertKcbCallbackToken(expected: string, received: unknown): void {
  const a = Buffer.from(String(expected), 'utf8');
  const b = Buffer.from(typeof received === 'string' ? received : '', 'utf8');
  if (a.length === 0 || a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new KcbResultCheckError(
      'KCB_SVC_TKN_MISMATCH',
      'KCB callback svc_tkn does not belong to this session',
      {
        step: 'callback',
      },
    );
  }
}
