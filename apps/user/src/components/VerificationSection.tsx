import type { VerificationStatus } from '@mfv/api-contract';
import { ICON_SVG_PROPS, ICONS } from '@mfv/ui/icons';
import { useLiveVerification } from '@mfv/ui/live-verification';
import { NOT_VERIFIED_COPY, verificationLabel, verificationSummary } from '@mfv/ui/verification';

/**
 * 내 정보's 본인확인 row: the member's lasting status from the server render ("본인확인 완료 · 이*연 ·
 * 2026.12.03" and how it was done), or that they have not verified yet, with the way to /verification.
 * Kept live (`@mfv/ui/live-verification`): a verification finished in another tab shows at once.
 */
export function VerificationSection({ status: initial }: { status: VerificationStatus }) {
  const status = useLiveVerification(initial);
  return (
    <section aria-labelledby="me-verification-title" data-testid="me-verification">
      <h2 id="me-verification-title">본인확인</h2>
      {status.verified ? (
        <>
          <p className="done">
            <svg {...ICON_SVG_PROPS} width={18} height={18}>
              <path d={ICONS.shieldCheck} />
            </svg>
            <span data-testid="me-verification-summary">{verificationSummary(status)}</span>
          </p>
          <p className="how">{verificationLabel(status)}으로 확인했어요.</p>
          {status.kind === 'phone-possession' && <a href="/verification">휴대폰 본인확인하기</a>}
        </>
      ) : (
        <>
          <p className="how">{NOT_VERIFIED_COPY}</p>
          <a href="/verification">본인확인하기</a>
        </>
      )}
      <style jsx>{`
        section {
          margin: 0 0 20px;
          padding: 14px 16px;
          border: 1px solid #e5e7eb;
          border-radius: 12px;
          background: #f9fafb;
        }
        h2 {
          margin: 0 0 6px;
          font-size: 15px;
          color: #374151;
        }
        p {
          margin: 0;
        }
        .done {
          display: flex;
          align-items: center;
          gap: 6px;
          font-weight: 700;
          color: #047857;
          overflow-wrap: anywhere;
        }
        .done svg {
          flex: none;
        }
        .how {
          margin-top: 4px;
          color: #4b5563;
          font-size: 14px;
        }
        a {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          color: #1d4ed8;
          font-weight: 600;
        }
      `}</style>
    </section>
  );
}
