import { prefersFullPage } from '../../../core/ui/full-page';
import type { SsafyPublicConfig } from '../rules';
import { useSsafyVerify } from './useSsafyVerify';

/**
 * The guide's SsafyVerifyButton: "SSAFY 인증하기", what happened, and on failure the issuer's
 * request_id (as the number to quote to support) — nothing sensitive (no code, token or subject).
 * On phones and in in-app browsers (core/ui/full-page.ts), or by choice, the issuer's page opens
 * in this window instead of the SDK's popup and comes back to /verify/ssafy (the full-page flow).
 */
export default function SsafyVerifyButton({ config }: { config: SsafyPublicConfig }) {
  const { status, result, verify, verifyFullPage } = useSsafyVerify(config);
  const busy = status === 'working';
  return (
    <section data-testid="ssafy-verify" data-status={status}>
      <div className="vc-actions">
        <button
          type="button"
          className="vc-button"
          data-testid="ssafy-verify-button"
          disabled={busy}
          onClick={() => void (prefersFullPage() ? verifyFullPage() : verify())}
        >
          {busy ? '인증 진행 중' : 'SSAFY 인증하기'}
        </button>
        <button
          type="button"
          className="vc-button secondary"
          data-testid="ssafy-verify-redirect"
          disabled={busy}
          onClick={() => void verifyFullPage()}
        >
          새 창 없이 이 화면에서 진행
        </button>
      </div>
      <div role="status" aria-live="polite">
        {result?.ok === true && (
          <div data-testid="ssafy-verified">
            <p>SSAFY 인증을 마쳤어요.</p>
            <dl className="vc-result">
              <dt>기수</dt>
              <dd data-testid="ssafy-cohort">{result.cohort ? `${result.cohort}기` : '-'}</dd>
              <dt>캠퍼스</dt>
              <dd data-testid="ssafy-campus">{result.campus ?? '-'}</dd>
            </dl>
          </div>
        )}
      </div>
      {result?.ok === false && (
        <div className="vc-alert" role="alert" data-testid="ssafy-failed" data-code={result.errorCode}>
          <p>{result.message}</p>
          <p className="vc-meta">
            문의하실 때 알려 주실 번호: <span data-testid="ssafy-request-id">{result.requestId ?? '-'}</span>
          </p>
        </div>
      )}
    </section>
  );
}
