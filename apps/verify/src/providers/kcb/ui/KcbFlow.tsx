import { ApiCallError, createAppClient } from '@mfv/auth/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  KCB_DONE_PATH,
  KCB_FAIL_PATH,
  KCB_POPUP_NAME,
  KCB_RESULT_PATH,
  kcbNextUrl,
  submitKcbForm,
  type KcbStartResponse,
} from '../rules';
import type { OwnerKind } from '../../../core/owner';
import { prefersFullPage } from '../../../core/ui/full-page';
import InAppNotice from '../../../core/ui/InAppNotice';

const client = createAppClient('/verify');
/** How often the page looks whether the person closed the KCB window. */
const POPUP_POLL_MS = 400;
const NETWORK_MESSAGE = '네트워크 연결을 확인한 뒤 다시 시도해 주세요.';

type Phase =
  | { kind: 'idle' }
  | { kind: 'popup' }
  | { kind: 'redirecting' }
  | { kind: 'failed'; code: string; message: string };

/**
 * KCB 휴대폰 본인확인: the page asks this remote's API for KCB's form and POSTs it to KCB — in a
 * popup that hands the outcome back by postMessage (same origin, from the popup we opened, ours
 * only), or in this window (mobile, a blocked popup, or by choice). Either way the result pages
 * redeem a one-time ticket on the server; this page never holds the person's data or any key.
 */
export default function KcbFlow({ owner, returnTo }: { owner: OwnerKind; returnTo: string }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [status, setStatus] = useState('');
  const popup = useRef<Window | null>(null);

  const fail = useCallback((error: unknown) => {
    if (error instanceof ApiCallError) setPhase({ kind: 'failed', code: error.code, message: error.message });
    else setPhase({ kind: 'failed', code: 'NETWORK', message: NETWORK_MESSAGE });
  }, []);

  const start = useCallback(
    (successUrl: string, failUrl: string) =>
      client.json<KcbStartResponse>('/api/kcb/start', { method: 'POST', body: { successUrl, failUrl } }),
    [],
  );

  const startFullPage = useCallback(async () => {
    setPhase({ kind: 'redirecting' });
    setStatus('KCB 본인확인 화면으로 이동해요.');
    try {
      submitKcbForm(await start(KCB_RESULT_PATH, KCB_FAIL_PATH), '_self');
    } catch (error) {
      fail(error);
    }
  }, [fail, start]);

  const startPopup = useCallback(async () => {
    // Opened at once, inside the click, so a popup blocker lets it through; the form follows.
    const opened = window.open('about:blank', KCB_POPUP_NAME, 'popup,width=480,height=720');
    if (opened === null) {
      setStatus('팝업이 차단되어 이 창에서 본인확인을 진행해요.');
      await startFullPage();
      return;
    }
    popup.current = opened;
    setPhase({ kind: 'popup' });
    setStatus('KCB 인증 창에서 본인확인을 진행해 주세요.');
    try {
      const form = await start(KCB_DONE_PATH, KCB_DONE_PATH);
      if (opened.closed) return;
      submitKcbForm(form, KCB_POPUP_NAME);
    } catch (error) {
      popup.current = null;
      opened.close();
      fail(error);
    }
  }, [fail, start, startFullPage]);

  // The popup's outcome: only a message from the window we opened, on our own origin.
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin) return;
      if (popup.current === null || event.source !== popup.current) return;
      const next = kcbNextUrl(event.data);
      if (next === null) return;
      popup.current = null;
      setStatus('본인확인 결과를 확인하고 있어요.');
      window.location.assign(next);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  // Closed without an outcome: back to the start, nothing lost.
  useEffect(() => {
    if (phase.kind !== 'popup') return undefined;
    const timer = window.setInterval(() => {
      const current = popup.current;
      if (current === null || !current.closed) return;
      window.clearInterval(timer);
      // A message posted just before the window closed may still be queued: let it land.
      window.setTimeout(() => {
        if (popup.current !== current) return;
        popup.current = null;
        setPhase({ kind: 'idle' });
        setStatus('KCB 인증 창이 닫혔어요. 다시 시작할 수 있어요.');
      }, 300);
    }, POPUP_POLL_MS);
    return () => window.clearInterval(timer);
  }, [phase.kind]);

  const loginHref = `/user/login?returnTo=${encodeURIComponent('/verify/kcb')}`;
  const busy = phase.kind === 'popup' || phase.kind === 'redirecting';

  return (
    <div data-testid="kcb-flow" data-phase={phase.kind}>
      <InAppNotice />
      <p className="vc-lead">
        KCB 인증 창에서 휴대폰 본인확인을 진행해요. 결과는 계정에 저장되고, 이 화면에는 가려진 정보만 보여
        드려요.
      </p>
      {owner === 'none' && (
        <div className="vc-notice" data-testid="kcb-login-required">
          <p>본인확인 결과는 계정에 저장돼요. 먼저 로그인하거나 회원가입을 시작해 주세요.</p>
          <a className="vc-button" href={loginHref}>
            로그인 / 회원가입
          </a>
        </div>
      )}
      {owner === 'unavailable' && (
        <p className="vc-notice">로그인 상태를 확인하지 못했어요. 잠시 후 다시 시도해 주세요.</p>
      )}
      {owner === 'signup' && (
        <p className="vc-notice">회원가입 중이에요. 본인확인을 마치면 가입을 이어서 진행할 수 있어요.</p>
      )}
      {phase.kind === 'failed' && (
        <p className="vc-alert" role="alert" data-testid="kcb-error" data-code={phase.code}>
          {phase.message}
        </p>
      )}
      {owner !== 'none' && (
        <div className="vc-actions">
          <button
            type="button"
            className="vc-button"
            data-testid="kcb-start"
            disabled={busy}
            onClick={() => void (prefersFullPage() ? startFullPage() : startPopup())}
          >
            {busy ? '본인확인 진행 중' : 'KCB 본인확인 시작'}
          </button>
          <button
            type="button"
            className="vc-button secondary"
            data-testid="kcb-start-redirect"
            disabled={busy}
            onClick={() => void startFullPage()}
          >
            새 창 없이 이 화면에서 진행
          </button>
        </div>
      )}
      <p className="vc-status" role="status" aria-live="polite" data-testid="kcb-status">
        {status}
      </p>
      <p className="vc-meta">
        <a href={returnTo}>본인확인 방법 다시 고르기</a>
      </p>
    </div>
  );
}
