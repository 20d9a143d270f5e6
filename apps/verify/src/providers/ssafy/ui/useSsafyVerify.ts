import { ApiCallError, createAppClient } from '@mfv/auth/client';
import {
  interpretSsafyCallback,
  ssafyUiErrorMessage,
  type SsafySdkCallback,
} from '@mfv/verification/ssafy/browser';
import { announceVerificationChanged } from '@mfv/ui/live-verification';
import { useCallback, useRef, useState } from 'react';
import type {
  SsafyPublicConfig,
  SsafyRedirectStartResponse,
  SsafyStartResponse,
  SsafyVerifyResult,
  SsafyVerifyTokenResponse,
} from '../rules';

/**
 * The hosted SDK's surface, exactly as SSAFY Verify 플랫폼 가이드 (Vue/Nuxt) documents it
 * ("Vue composable 추가"): no `state` option; the SDK makes its own state and PKCE pair. Extra
 * fields it may return (its own `state`) are ignored.
 */
export interface SsafySdk {
  verify(options: {
    clientId: string;
    redirectUri: string;
    scopes: string[];
    waitForCallback: true;
  }): Promise<SsafySdkCallback>;
}

declare global {
  interface Window {
    ssafyVerify?: SsafySdk;
  }
}

export type SsafyVerifyStatus = 'idle' | 'working' | 'verified' | 'failed';

const client = createAppClient('/verify');

/** A verify-token answer is used only if it is exactly the minimal success shape. */
function isSuccess(value: unknown): value is SsafyVerifyTokenResponse {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    v.ok === true &&
    v.verified === true &&
    typeof v.sub === 'string' &&
    (v.cohort === null || typeof v.cohort === 'string') &&
    (v.campus === null || typeof v.campus === 'string') &&
    typeof v.authTime === 'number'
  );
}

function failure(errorCode: string, requestId: string | null, message?: string): SsafyVerifyResult {
  return { ok: false, errorCode, requestId, message: message ?? ssafyUiErrorMessage(errorCode) };
}

/** Our API's refusal → the guide's failure shape (its UI code, the issuer's request_id, our message). */
function fromApiError(error: unknown): SsafyVerifyResult {
  if (!(error instanceof ApiCallError)) return failure('VERIFY_NETWORK_FAILED', null);
  const body = error.body as { errorCode?: unknown; requestId?: unknown };
  const errorCode = typeof body.errorCode === 'string' ? body.errorCode : 'VERIFY_RESPONSE_INVALID';
  const requestId = typeof body.requestId === 'string' ? body.requestId : null;
  return failure(errorCode, requestId, error.message);
}

/**
 * The guide's `useSsafyVerify` composable, for React: `verify()` opens the hosted SDK's popup at
 * once (inside the tap) while it starts a transaction on our server (cookie-bound; the code must
 * come back within it), checks the callback (error, issuer against
 * configuration, verifier), and has our server exchange and validate. States `idle | working |
 * verified | failed`; a failure carries the UI code and the issuer's request_id only.
 */
export function useSsafyVerify(config: SsafyPublicConfig) {
  const [status, setStatus] = useState<SsafyVerifyStatus>('idle');
  const [result, setResult] = useState<SsafyVerifyResult | null>(null);
  const running = useRef(false);

  const verify = useCallback(async (): Promise<SsafyVerifyResult> => {
    const finish = (value: SsafyVerifyResult) => {
      running.current = false;
      setResult(value);
      setStatus(value.ok ? 'verified' : 'failed');
      // Stored with the api: every open page of the site shows the new status.
      if (value.ok) announceVerificationChanged();
      return value;
    };
    if (running.current) return failure('VERIFY_POPUP_FAILED', null);
    const sdk = typeof window === 'undefined' ? undefined : window.ssafyVerify;
    if (sdk === undefined || typeof sdk.verify !== 'function') return finish(failure('SDK_NOT_READY', null));
    running.current = true;
    setStatus('working');
    setResult(null);

    // The SDK opens its popup at once, still inside the person's tap: iOS Safari (and other strict
    // blockers) refuse a popup opened after a network round trip. Our own start runs alongside and
    // is awaited before the code is exchanged.
    const started = client.json<SsafyStartResponse>('/api/ssafy/start', { method: 'POST', body: {} }).then(
      () => null,
      (error: unknown) => error,
    );
    let callback: SsafySdkCallback | null;
    try {
      callback = await sdk.verify({
        clientId: config.clientId,
        redirectUri: config.redirectUri,
        scopes: config.scopes,
        waitForCallback: true,
      });
    } catch (error) {
      await started;
      // A rejected verify(): the popup was blocked or the SDK could not run.
      const code = (error as { error_code?: unknown } | null)?.error_code;
      return finish(failure(code === 'SDK_NOT_READY' ? 'SDK_NOT_READY' : 'VERIFY_POPUP_FAILED', null));
    }
    const startError = await started;
    if (startError !== null) return finish(fromApiError(startError));
    const outcome = interpretSsafyCallback(callback, config.issuer);
    if (!outcome.ok) return finish(failure(outcome.errorCode, outcome.requestId));

    try {
      const answer = await client.json<unknown>('/api/ssafy/verify-token', {
        method: 'POST',
        body: {
          code: outcome.code,
          codeVerifier: outcome.codeVerifier,
          redirectUri: config.redirectUri,
          iss: outcome.iss,
        },
      });
      return finish(isSuccess(answer) ? answer : failure('VERIFY_RESPONSE_INVALID', outcome.requestId));
    } catch (error) {
      return finish(fromApiError(error));
    }
  }, [config]);

  /** The full-page flow: our server makes the state and PKCE pair; this window goes to the issuer. */
  const verifyFullPage = useCallback(async (): Promise<void> => {
    if (running.current) return;
    running.current = true;
    setStatus('working');
    setResult(null);
    try {
      const { authorizeUrl } = await client.json<SsafyRedirectStartResponse>('/api/ssafy/start-redirect', {
        method: 'POST',
        body: {},
      });
      window.location.assign(authorizeUrl);
    } catch (error) {
      running.current = false;
      setResult(fromApiError(error));
      setStatus('failed');
    }
  }, []);

  return { status, result, verify, verifyFullPage };
}
