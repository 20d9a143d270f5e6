/**
 * `popup-start` and `popup-result` (KCB ok-name REST API, as public integrations use it): one
 * send/process pair per step (after oauth4webapi), one module per step under ./endpoints/. Send functions return the raw `Response`;
 * processors check every field they use and take recorded responses in tests.
 *
 * Flow:
 *   const tx = createKcbPopupTransaction();                      // rqst_svc_tx_seqno, enc_iv
 *   const started = await processKcbPopupStartResponse(client,
 *     await requestKcbPopupStart(client, { accessToken, returnUrl, transaction: tx }), tx);
 *   // keep tx + started.svcTkn + started.fieldKey SERVER-SIDE, bound to the browser session
 *   const form = kcbPopupForm(client, started.svcTkn);           // data for the browser
 *   // … KCB redirects to returnUrl?svc_tkn=… → assertKcbCallbackToken(stored, received)
 *   const identity = await processKcbPopupResultResponse(
 *     await requestKcbPopupResult(client, { accessToken, svcTkn }), { fieldKey, encIv: tx.encIv });
 *   const result = toKcbVerificationResult(identity, { rqstSvcTxSeqno: tx.rqstSvcTxSeqno });
 */
export {
  KCB_TX_SEQNO_LENGTH,
  createKcbPopupTransaction,
  type KcbPopupTransaction,
} from './endpoints/shared.js';
export * from './endpoints/popup-start.js';
export * from './endpoints/browser.js';
export * from './endpoints/popup-result.js';
