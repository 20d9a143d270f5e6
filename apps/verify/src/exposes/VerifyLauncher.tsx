import { useState } from 'react';
import { VERIFICATION_METHODS, type VerificationMethod } from '../methods';

export interface VerifyLauncherProps {
  /** Preselected method id, if the page linked to one. */
  initialMethod?: VerificationMethod['id'];
}

/** Lists the verification methods; exposed to the shell as `verify/VerifyLauncher`. */
export default function VerifyLauncher({ initialMethod }: VerifyLauncherProps) {
  const [selected, setSelected] = useState<VerificationMethod['id'] | undefined>(initialMethod);
  const current = VERIFICATION_METHODS.find((m) => m.id === selected);
  return (
    <section className="launcher" data-slot-component="verify/VerifyLauncher" aria-labelledby="verify-title">
      <h2 id="verify-title">본인확인 방법 선택</h2>
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
            <small>{method.provider}</small>
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
        <p className="soon">이 방법은 준비 중입니다.</p>
      ) : null}
      <style jsx>{`
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
