/**
 * KCB 휴대폰 본인확인 in the verify remote: the paths, names and shapes the pages, the
 * browser code and the server share. Browser-safe: no secrets, no server imports.
 *
 * Flow (the public integrations', bound to the browser): the page POSTs /verify/api/kcb/start → the server asks KCB for a
 * `svc_tkn` (return URL fixed to the callback) and answers the form to POST to KCB's page → KCB
 * sends the browser to GET /verify/kcb/callback?svc_tkn=… (served by /verify/api/kcb/callback) →
 * the server fetches and decrypts the result, hands it off and answers 303 to the success path
 * with a one-time ticket (or to the fail path with an error code) — never the result itself.
 */

/** The page a person starts from. */
/** The method as the KCB pages name it to people (above each page's title). */
export const KCB_BRAND = '코리아크레딧뷰로(KCB) 휴대폰 본인확인';

export const KCB_PAGE_PATH = '/verify/kcb';
/** Full-page variant: redeems `?ticket=` on the server and shows masked fields. */
export const KCB_RESULT_PATH = '/verify/kcb/result';
/** Full-page variant: shows the Korean message of `?code=`. */
export const KCB_FAIL_PATH = '/verify/kcb/fail';
/** Popup variant: the popup lands here and hands `?ticket=` or `?code=` to its opener. */
export const KCB_DONE_PATH = '/verify/kcb/done';

/**
 * The only places the callback may send the browser (no open redirect): the client names one of
 * each list, as a path or an absolute URL on this site's origin.
 */
export const KCB_SUCCESS_PATHS = [KCB_RESULT_PATH, KCB_DONE_PATH] as const;
export const KCB_FAIL_PATHS = [KCB_FAIL_PATH, KCB_DONE_PATH] as const;

/** `window.name` of the KCB popup (the form's target). */
export const KCB_POPUP_NAME = 'mfv-kcb-popup';
/** `data.source` of the popup's message to its opener. */
export const KCB_MESSAGE_SOURCE = 'mfv-kcb-result';

/** A result ticket and an error code as they may appear in our own URLs. */
export const KCB_TICKET_PATTERN = /^[A-Za-z0-9_-]{16,512}$/;
export const KCB_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

/** POST /verify/api/kcb/start: the form the browser posts to KCB's page (data only, no key material). */
export interface KcbStartResponse {
  action: string;
  method: 'POST';
  fields: { tc: string; idcf_mbr_com_cd: string; svc_tkn: string };
  /** ISO 8601: when the transaction ends. */
  expiresAt: string;
}

/** The popup's message to its opener. */
export type KcbPopupMessage =
  { source: typeof KCB_MESSAGE_SOURCE; ticket: string } | { source: typeof KCB_MESSAGE_SOURCE; code: string };

/** Where the opener goes for a popup's message; null for anything that is not ours. */
export function kcbNextUrl(data: unknown): string | null {
  if (data === null || typeof data !== 'object') return null;
  const message = data as Record<string, unknown>;
  if (message.source !== KCB_MESSAGE_SOURCE) return null;
  if (typeof message.ticket === 'string' && KCB_TICKET_PATTERN.test(message.ticket)) {
    return `${KCB_RESULT_PATH}?ticket=${encodeURIComponent(message.ticket)}`;
  }
  if (typeof message.code === 'string' && KCB_CODE_PATTERN.test(message.code)) {
    return `${KCB_FAIL_PATH}?code=${encodeURIComponent(message.code)}`;
  }
  return null;
}

/** Builds and submits the KCB form (`target`: the popup's name, or `_self` for the full page). */
export function submitKcbForm(form: KcbStartResponse, target: string): void {
  const element = document.createElement('form');
  element.method = 'POST';
  element.action = form.action;
  element.target = target;
  element.style.display = 'none';
  for (const [name, value] of Object.entries(form.fields)) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    element.appendChild(input);
  }
  document.body.appendChild(element);
  element.submit();
  element.remove();
}
