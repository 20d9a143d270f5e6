import { useState } from 'react';
import { ICON_SVG_PROPS, ICONS } from '@mfv/ui/icons';
import { useLiveVerification } from '@mfv/ui/live-verification';
import {
  needsNoFurtherVerification,
  verificationNextStep,
  verificationSummary,
  type VerificationStatusView,
} from '@mfv/ui/verification';
import InAppNotice from '../core/ui/InAppNotice';
import { VERIFICATION_METHODS, type VerificationMethod } from '../methods';

export interface VerifyLauncherProps {
  /** Preselected method id, if the page linked to one. */
  initialMethod?: VerificationMethod['id'];
  /**
   * The signed-in member's verification status as the shell's server read it (GET
   * /verifications/me); null or absent when signed out or not read in time: nothing shown.
   */
  verification?: VerificationStatusView | null;
}

/**
 * Lists the verification methods; exposed to the shell as `verify/VerifyLauncher`. A member who
 * has verified sees that first ("본인확인 완료 · 이*연 · 2026.12.03") with what is left to do, and
 * the methods below as "다시 인증하기".
 */
export default function VerifyLauncher({ initialMethod, verification = null }: VerifyLauncherProps) {
  const [selected, setSelected] = useState<VerificationMethod['id'] | undefined>(initialMethod);
  const current = VERIFICATION_METHODS.find((m) => m.id === selected);
  // Kept live (`@mfv/ui/live-verification`): a verification finished in another tab shows at once.
  // Signed out the shell passes null and nothing is read.
  const status = useLiveVerification(verification, verification !== null);
  const verified = status?.verified ? status : null;
  return (
    <section className="launcher" data-slot-component="verify/VerifyLauncher" aria-labelledby="verify-title">
      {verified && (
        <div className="status" data-testid="verify-status">
          <p className="done">
            <svg {...ICON_SVG_PROPS} width={20} height={20}>
              <path d={ICONS.shieldCheck} />
            </svg>
            <span data-testid="verify-status-summary">{verificationSummary(verified)}</span>
          </p>
          <p className="next">{verificationNextStep(verified)}</p>
        </div>
      )}
      {/* KakaoTalk, Naver …: the verification windows work in the phone's own browser (core/environment.ts). */}
      <InAppNotice />
      <h2 id="verify-title">
        {verified && needsNoFurtherVerification(verified) ? '다시 인증하기' : '본인확인 방법 선택'}
      </h2>
      <div className="grid" role="radiogroup" aria-label="본인확인 방법">
        {VERIFICATION_METHODS.map((method) => (
          <button
            key={method.id}
            type="button"
            role="radio"
            aria-checked={method.id === selected}
            className="card"
            onClick={() => setSelected(method.id)}
          >
            <strong>{method.label}</strong>
            <small>{method.by}</small>
          </button>
        ))}
      </div>
      <p className="detail" aria-live="polite" data-testid="verify-selected">
        {current ? `${current.label}: ${current.description}` : '본인확인 방법을 선택하세요.'}
      </p>
      {current?.href ? (
        <a className="go" href={current.href} data-testid="verify-go">
          {current.label} 시작하기
        </a>
      ) : current ? (
        <p className="soon">이 방법은 준비 중이에요.</p>
      ) : null}
      <style jsx>{`
        .status {
          margin: 0 0 20px;
          padding: 14px 16px;
          border: 1px solid #a7f3d0;
          border-radius: 12px;
          background: #ecfdf5;
        }
        .status p {
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
        .status .next {
          margin-top: 6px;
          color: #374151;
          font-size: 14px;
        }
        .launcher h2 {
          margin: 0 0 12px;
          font-size: 18px;
        }
        .grid {
          display: grid;
          grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
          gap: 10px;
        }
        .card {
          display: flex;
          flex-direction: column;
          gap: 4px;
          padding: 14px;
          border: 1px solid #d0d7de;
          border-radius: 10px;
          background: #fff;
          font: inherit;
          text-align: left;
          cursor: pointer;
        }
        .card[aria-checked='true'] {
          border-color: #2563eb;
          background: #eff6ff;
        }
        small {
          color: #6b7280;
        }
        .detail {
          margin-top: 12px;
          color: #374151;
        }
        .go {
          display: inline-block;
          padding: 10px 16px;
          border-radius: 10px;
          background: #2563eb;
          color: #fff;
          font-weight: 700;
          text-decoration: none;
        }
        .go:focus-visible {
          outline: 3px solid #93c5fd;
          outline-offset: 2px;
        }
        .soon {
          color: #6b7280;
          font-size: 14px;
        }
      `}</style>
    </section>
  );
}
