/**
 * The first two steps of a mobile-ok transaction (본인확인-API 가이드 §4–§5):
 *
 *   start    token/get      → transaction {clientTxId, publicKey, token, service}
 *   request  auth/request   → OTP sent / PASS push / ARS number
 *
 * and a refused request tried again on a fresh provider transaction (`keepForRetry`).
 */
import {
  generateMokClientTxId,
  processMokAuthResponse,
  processMokTokenResponse,
  requestMokAuth,
  requestMokToken,
  MokResultError,
  type MokAuthInfoInput,
} from '@mfv/verification/mobile-ok';
import { invalidInput, type VerifyError } from '../../../core/errors';
import { ownerKey, resolveOwner } from '../../../core/handoff';
import type { Reply, RouteContext } from '../../../core/http';
import type { MokClientAccess } from '../client';
import { MOK_PROVIDER } from '../result';
import { mokRetryRow } from '../retry-classes';
import {
  isAdultUsage,
  MOK_SERVICES,
  normalizeMokForm,
  validateMokForm,
  type MokForm,
  type MokRequestResponse,
  type MokServiceId,
  type MokStartResponse,
} from '../rules';
import { failure, type LockedMokTx, type MokTransactions, type MokTxData } from './transaction';

/**
 * auth/request calls one of our transactions allows when the provider asks for corrected input
 * ("확인 후 다시"): the guide's §5.2 resendCount "1번 잘못된 인증요청 시도 후 2(남은 재시도 횟수)" —
 * three requests in all.
 */
export const MOK_AUTH_ATTEMPTS = 3;

/** POST …/mok/start {service}: token/get and a new transaction for this browser. */
export async function startTransaction(
  txs: MokTransactions,
  ctx: RouteContext,
  service: MokServiceId,
): Promise<Reply<MokStartResponse>> {
  const { deps } = txs;
  // Fail before the person types anything if there is nobody to attach the result to.
  const owner = await resolveOwner(deps.auth, ctx.req, ctx.res);
  const { client, settings } = await deps.mok();
  const clientTxId = generateMokClientTxId(settings.clientTxPrefix);
  const token = await processMokTokenResponse(await requestMokToken(client, { clientTxId }));
  txs.remember(token.publicKey, token.publicKeyObject);
  const tx = await deps.store.begin<MokTxData>(
    ctx.req,
    ctx.res,
    MOK_PROVIDER,
    {
      service,
      clientTxId,
      publicKey: token.publicKey,
      token: token.encryptMOKToken,
      phase: 'started',
    },
    ownerKey(owner),
  );
  return { status: 200, body: { service, expiresAt: new Date(tx.expiresAt).toISOString() } };
}

/** POST …/mok/request {carrier, name, phone, birthday, gender, nation, usageCode}: auth/request. */
export async function requestAuth(
  txs: MokTransactions,
  ctx: RouteContext,
  form: MokForm,
): Promise<Reply<MokRequestResponse>> {
  return txs.step(ctx, ['started'], async (locked, { client, settings }) => {
    const { tx } = locked;
    const service = tx.data.service;
    const errors = validateMokForm(service, form, txs.now());
    if (Object.keys(errors).length > 0) throw invalidInput(errors);
    const input = normalizeMokForm(service, form);
    const info = MOK_SERVICES[service];
    // Before the provider sends anything to that number (docs/security.md F4: SMS to an arbitrary number).
    await txs.deps.limits?.consume('send', { phone: input.phone });
    if (tx.data.renewToken === true) {
      // A request tried again (keepForRetry): on a fresh provider transaction, asked for now.
      try {
        await renewProviderToken(txs, locked, client, settings.clientTxPrefix);
      } catch (error) {
        throw await txs.end(ctx, locked, error, 'auth');
      }
    }
    const authInfo = {
      serviceType: info.serviceType,
      reqAuthType: info.reqAuthType,
      providerId: info.carrier ? input.carrier : 'SMS',
      usageCode: input.usageCode,
      userName: input.name,
      userPhone: input.phone,
      ...(input.birthday !== undefined ? { userBirthday: input.birthday } : {}),
      ...(info.genderNation ? { userGender: input.gender, userNation: input.nation } : {}),
      ...(service === 'ars' ? { arsCode: settings.arsCode } : {}),
    } as MokAuthInfoInput;
    let auth;
    try {
      auth = await processMokAuthResponse(
        await requestMokAuth(client, {
          encryptMOKToken: tx.data.token,
          publicKey: txs.transactionKey(tx.data.publicKey),
          authInfo,
        }),
        { serviceType: info.serviceType },
      );
    } catch (error) {
      // The guide's words let the person try again: keep our transaction and the person's form.
      const kept = await keepForRetry(txs, locked, error);
      if (kept !== undefined) throw kept;
      throw await txs.end(ctx, locked, error, 'auth');
    }
    tx.data = {
      ...tx.data,
      token: auth.encryptMOKToken,
      phase: 'requested',
      input: txs.sealInput({
        name: input.name,
        phone: input.phone,
        ...(input.birthday !== undefined ? { birthday: input.birthday } : {}),
      }),
      ...(auth.resendCount !== undefined ? { resendRemaining: auth.resendCount } : {}),
      ...(isAdultUsage(input.usageCode) ? { adultUsage: input.usageCode } : {}),
    };
    await txs.save(locked);
    // SMS 소유인증's otpCode is a secret of the server (SECURITY.md): it never reaches the browser.
    const body: MokRequestResponse = { next: info.next };
    if (info.resend && auth.resendCount !== undefined) body.resendRemaining = auth.resendCount;
    if (auth.arsOtpNumber !== undefined) body.arsOtpNumber = auth.arsOtpNumber;
    return { status: 200, body };
  });
}

/**
 * auth/request refused with words that let the person try again — kept on the same one of our
 * transactions, within {@link MOK_AUTH_ATTEMPTS} requests (or the provider's `resendCount`, §5.2,
 * when it sends one):
 * - `fix-input-and-resend` (§8: "(이름|생년월일|휴대폰번호|통신사정보…) 확인 후 다시", "통신사를
 *   알뜰폰으로 선택하여 다시"): the person corrects the form and sends it again;
 * - `retry-same-step` (§8 4008 "…연결에 실패했습니다. 잠시후 다시", 4012 "인증요청 메시지 전송에
 *   실패하였습니다. 잠시 후 다시", 6752 "PUSH 발송에 실패하였습니다. 잠시 후 다시", 9999, 60xx …):
 *   a passing failure; the person sends the same form again a moment later.
 *
 * The guide's own re-request, §5.2 "본인확인-API 인증 재요청(인증요청 오류 발생후 재요청시)", carries
 * only `encryptMOKToken`: it repeats the request already made and cannot carry corrected data, and
 * §4 says a token is not reused once auth/request ran ("인증요청이 실행되면 재사용 할 수 없음").
 * Whether a failed request spent the token is not said per code, so both kinds go out again on a
 * fresh provider transaction (token/get with the next request, a new clientTxId) — valid in every case — while the
 * old one is left to expire. Codes whose words send the person to another method ("문자 (SMS)
 * 인증으로 다시") cannot be fixed in this form and end the transaction as before.
 * Returns the error to answer with, or undefined when the transaction must end.
 */
export async function keepForRetry(
  txs: MokTransactions,
  locked: LockedMokTx,
  error: unknown,
): Promise<VerifyError | undefined> {
  if (!(error instanceof MokResultError)) return undefined;
  const row = mokRetryRow(error.resultCode, 'auth', error.resultMsg);
  const correctable = row.class === 'fix-input-and-resend' && !row.words.includes('인증으로 다시');
  if (!correctable && row.class !== 'retry-same-step') return undefined;
  const { tx } = locked;
  const attempts = (tx.data.authAttempts ?? 0) + 1;
  const remaining = Math.min(MOK_AUTH_ATTEMPTS - attempts, error.resendCount ?? Number.POSITIVE_INFINITY);
  if (remaining <= 0) return undefined;
  // The fresh provider transaction is asked for with the next request (a passing failure may
  // still be passing now), so a token/get that fails now cannot end the person's transaction.
  const next: MokTxData = { ...tx.data, phase: 'started', authAttempts: attempts, renewToken: true };
  delete next.input;
  delete next.resendRemaining;
  tx.data = next;
  await txs.save(locked);
  return failure(error, row.class, { requestsRemaining: remaining });
}

/** token/get for a request tried again: a new clientTxId, key and token replace the old ones (§4). */
async function renewProviderToken(
  txs: MokTransactions,
  locked: LockedMokTx,
  client: MokClientAccess['client'],
  clientTxPrefix: string,
): Promise<void> {
  const clientTxId = generateMokClientTxId(clientTxPrefix);
  const token = await processMokTokenResponse(await requestMokToken(client, { clientTxId }));
  txs.remember(token.publicKey, token.publicKeyObject);
  const next: MokTxData = {
    ...locked.tx.data,
    clientTxId,
    publicKey: token.publicKey,
    token: token.encryptMOKToken,
  };
  delete next.renewToken;
  locked.tx.data = next;
}
