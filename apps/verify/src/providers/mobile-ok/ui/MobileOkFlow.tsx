import { useEffect, useRef } from 'react';
import { SITE_NAME } from '@mfv/ui/site';
import { verificationNextStep, verificationSummary, type VerifiedStatusView } from '@mfv/ui/verification';
import type { OwnerKind } from '../../../core/owner';
import { MOK_SERVICES, type MokServiceId } from '../rules';
import ArsStep from './ArsStep';
import FailedStep from './FailedStep';
import FormStep from './FormStep';
import OtpStep from './OtpStep';
import PassStep from './PassStep';
import ResultStep from './ResultStep';
import type { MokPurpose } from './standard-window';
import { useMobileOkFlow } from './useMobileOkFlow';

export interface MobileOkFlowProps {
  initialService: MokServiceId;
  /** What the verification is for (the usageCode follows), set by the service, never by the person. */
  purpose: MokPurpose;
  /** Whom the result will belong to (decided on the server from the session or the signup cookie). */
  owner: OwnerKind;
  /** Where "계속하기" leads after success (a same-site path). */
  returnTo: string;
  /** The member's lasting status, read on the server: shown above the form (a reload after 본인확인). */
  verified?: VerifiedStatusView | null;
}

/**
 * 휴대폰 본인확인 (mobile-ok): service and carrier choice, the form with inline validation, then
 * the service's step — code entry with re-send and retries, the PASS approval, the ARS call — and
 * the masked result. Every failure shows the provider's customer message and a way to start again.
 * The page talks to this remote's own API only; the browser never holds a provider token, CI, DI
 * or anything the person did not type themselves. State and API calls: ./useMobileOkFlow.ts.
 */
export default function MobileOkFlow({
  initialService,
  purpose,
  owner,
  returnTo,
  verified = null,
}: MobileOkFlowProps) {
  const flow = useMobileOkFlow(initialService, purpose);
  const { phase, service, status, alert } = flow.state;
  const heading = useRef<HTMLHeadingElement>(null);

  // A new step: move focus to its heading, so screen readers announce where the person is.
  useEffect(() => {
    if (phase.kind !== 'form') heading.current?.focus();
  }, [phase.kind]);

  const loginHref = `/user/login?returnTo=${encodeURIComponent(`/verify/mok?service=${service}`)}`;

  return (
    <section className="mok" aria-labelledby="mok-title" data-phase={phase.kind}>
      <a className="brand" href="/" aria-label={`${SITE_NAME} 홈`}>
        {SITE_NAME}
      </a>
      <h1 id="mok-title">휴대폰 본인확인</h1>
      <p className="lead">
        본인 명의의 휴대폰으로 본인확인을 해요. 결과는 이름과 번호 일부를 가린 채로 보여 드려요.
      </p>
      <p className="status" role="status" aria-live="polite" data-testid="mok-status">
        {status}
      </p>
      {alert && (
        <p className="alert" role="alert" data-testid="mok-alert">
          {alert}
        </p>
      )}

      {verified && phase.kind === 'form' && (
        <div className="done" data-testid="mok-done">
          <p>
            <strong data-testid="mok-done-summary">{verificationSummary(verified)}</strong>
          </p>
          <p>{verificationNextStep(verified)}</p>
          <a className="button" href={returnTo}>
            계속하기
          </a>
        </div>
      )}
      {owner === 'none' && phase.kind === 'form' && (
        <div className="notice" data-testid="mok-login-required">
          <p>본인확인 결과는 계정에 저장돼요. 먼저 로그인하거나 회원가입을 시작해 주세요.</p>
          <a className="button" href={loginHref}>
            로그인 / 회원가입
          </a>
        </div>
      )}
      {owner === 'unavailable' && phase.kind === 'form' && (
        <p className="notice">로그인 상태를 확인하지 못했어요. 잠시 후 다시 시도해 주세요.</p>
      )}
      {owner === 'signup' && phase.kind === 'form' && (
        <p className="notice">회원가입 중이에요. 본인확인을 마치면 가입을 이어서 진행할 수 있어요.</p>
      )}

      {phase.kind === 'form' && owner !== 'none' && <FormStep flow={flow} />}
      {phase.kind === 'otp' && <OtpStep flow={flow} heading={heading} />}
      {phase.kind === 'pass' && <PassStep flow={flow} heading={heading} />}
      {phase.kind === 'ars' && <ArsStep flow={flow} heading={heading} />}
      {phase.kind === 'done' && (
        <ResultStep
          result={phase.result}
          serviceLabel={MOK_SERVICES[service].label}
          returnTo={returnTo}
          heading={heading}
        />
      )}
      {phase.kind === 'failed' && (
        <FailedStep
          title={phase.title}
          message={phase.message}
          code={phase.code}
          loginHref={loginHref}
          onRestart={flow.restart}
          heading={heading}
        />
      )}

      {/* Global but under .mok: the step components render the elements these rules style. */}
      <style jsx global>{`
        .mok {
          width: 100%;
          padding: 24px 20px;
          background: #fff;
          border: 1px solid #e5e7eb;
          border-radius: 16px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.06);
        }
        .mok .brand {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          min-width: 44px;
          font-weight: 800;
          letter-spacing: 0.04em;
          color: #111827;
          text-decoration: none;
        }
        .mok h1 {
          font-size: 22px;
          margin: 4px 0 6px;
        }
        .mok h2 {
          font-size: 18px;
          margin: 8px 0;
        }
        .mok h2:focus {
          outline: none;
        }
        .mok .lead,
        .mok .hint {
          color: #4b5563;
          font-size: 14px;
        }
        .mok .status:empty {
          display: none;
        }
        .mok .status {
          color: #1d4ed8;
          font-size: 14px;
        }
        .mok .alert {
          padding: 10px 12px;
          border-radius: 8px;
          background: #fef2f2;
          color: #991b1b;
        }
        .mok .done {
          display: grid;
          gap: 8px;
          margin: 0 0 16px;
          padding: 12px 14px;
          border: 1px solid #a7f3d0;
          border-radius: 12px;
          background: #ecfdf5;
          color: #065f46;
        }
        .mok .done p {
          margin: 0;
        }
        .mok .notice {
          padding: 10px 12px;
          border-radius: 8px;
          background: #eff6ff;
          color: #1e3a8a;
        }
        .mok form {
          display: grid;
          gap: 12px;
        }
        .mok fieldset:not(.choice-group) {
          border: 0;
          margin: 0;
          padding: 0;
        }
        .mok legend:not(.choice-legend),
        .mok label:not(.field-label):not(.choice-option) {
          font-weight: 600;
          font-size: 14px;
        }
        .mok .services {
          display: grid;
          gap: 6px;
        }
        .mok .choice {
          display: flex;
          gap: 10px;
          align-items: center;
          min-height: 44px;
          padding: 10px 12px;
          border: 1px solid #d0d7de;
          border-radius: 10px;
          font-weight: 400;
          cursor: pointer;
        }
        .mok .choice.checked {
          border-color: #2563eb;
          background: #eff6ff;
        }
        .mok .choice span {
          display: grid;
        }
        .mok .choice small {
          color: #4b5563;
        }
        .mok .tiles {
          display: grid;
          grid-template-columns: repeat(4, 1fr);
          gap: 6px;
          padding-top: 6px;
        }
        .mok .tiles.three {
          grid-template-columns: repeat(3, 1fr);
        }
        .mok .tile {
          position: relative;
          display: flex;
          align-items: center;
          justify-content: center;
          min-height: 48px;
          padding: 4px;
          border: 1px solid #d0d7de;
          border-radius: 10px;
          text-align: center;
          cursor: pointer;
        }
        .mok .tile input {
          position: absolute;
          opacity: 0;
          width: 1px;
          height: 1px;
        }
        .mok .tile.checked {
          border: 2px solid #1d4ed8;
          background: #eff6ff;
          color: #1e3a8a;
          font-weight: 700;
        }
        .mok .tile:focus-within {
          outline: 3px solid #1d4ed8;
          outline-offset: 2px;
        }
        .mok .mvno {
          margin-top: 10px;
        }
        .mok .consents ul {
          list-style: none;
          margin: 0;
          padding: 0 0 0 8px;
        }
        .mok .consents li {
          display: flex;
          align-items: flex-start;
          justify-content: space-between;
          flex-wrap: wrap;
          gap: 0 8px;
        }
        .mok .consent {
          display: flex;
          align-items: center;
          gap: 8px;
          min-height: 44px;
          font-weight: 400;
        }
        .mok .consent.all {
          font-weight: 700;
          border-bottom: 1px solid #e5e7eb;
        }
        .mok .consent input {
          width: 20px;
          height: 20px;
          flex: none;
        }
        .mok .required {
          color: #1d4ed8;
          font-weight: 700;
        }
        .mok details {
          margin-left: auto;
        }
        .mok details[open] {
          flex-basis: 100%;
        }
        .mok summary {
          display: inline-flex;
          align-items: center;
          justify-content: center;
          min-height: 44px;
          min-width: 44px;
          color: #374151;
          text-decoration: underline;
          cursor: pointer;
        }
        .mok details p {
          margin: 0 0 8px;
          padding: 10px;
          border-radius: 8px;
          background: #f3f4f6;
          font-size: 13px;
        }
        .mok .birth {
          display: grid;
          grid-template-columns: 1fr 9em;
          gap: 12px;
          align-items: start;
        }
        .mok .digit {
          display: flex;
          align-items: center;
          gap: 6px;
          white-space: nowrap;
        }
        .mok .digit input {
          width: 3em;
          text-align: center;
        }
        .mok .code-field {
          position: relative;
          display: block;
        }
        .mok .code-field input {
          padding-right: 4.5em;
        }
        .mok .code-timer {
          position: absolute;
          right: 12px;
          top: 50%;
          transform: translateY(-50%);
          color: #b91c1c;
          font-variant-numeric: tabular-nums;
        }
        .mok .code-timer.over {
          color: #4b5563;
        }
        .mok .pair {
          display: grid;
          grid-template-columns: 1fr 1fr;
          gap: 12px;
        }
        .mok input:not([type='radio']):not([type='checkbox']),
        .mok select {
          width: 100%;
          box-sizing: border-box;
          padding: 10px 12px;
          min-height: 44px;
          border: 1px solid #d0d7de;
          border-radius: 8px;
          font: inherit;
        }
        .mok input[aria-invalid='true'],
        .mok select[aria-invalid='true'] {
          border-color: #b91c1c;
        }
        .mok .field-error {
          margin: 0;
          color: #b91c1c;
          font-size: 13px;
        }
        .mok .field-error:empty {
          display: none;
        }
        .mok .primary,
        .mok .button {
          display: block;
          width: 100%;
          box-sizing: border-box;
          padding: 12px;
          border: 0;
          border-radius: 10px;
          background: #2563eb;
          color: #fff;
          font: inherit;
          font-weight: 700;
          text-align: center;
          text-decoration: none;
          cursor: pointer;
        }
        .mok .primary:disabled {
          background: #93c5fd;
          cursor: default;
        }
        .mok .secondary {
          width: 100%;
          min-height: 44px;
          margin-top: 10px;
          padding: 10px;
          border: 1px solid #2563eb;
          border-radius: 10px;
          background: #fff;
          color: #1d4ed8;
          font: inherit;
          cursor: pointer;
        }
        .mok .secondary:disabled {
          border-color: #d1d5db;
          color: #9ca3af;
          cursor: default;
        }
        .mok .link {
          min-height: 44px;
          margin-top: 10px;
          border: 0;
          background: none;
          color: #4b5563;
          font: inherit;
          text-decoration: underline;
          cursor: pointer;
        }
        .mok .timer {
          color: #4b5563;
          font-variant-numeric: tabular-nums;
        }
        .mok .waiting {
          color: #1d4ed8;
        }
        .mok .ars-number {
          margin: 12px 0;
          font-size: 36px;
          font-weight: 800;
          letter-spacing: 0.3em;
          text-align: center;
        }
        .mok dl {
          display: grid;
          grid-template-columns: max-content 1fr;
          gap: 6px 16px;
        }
        .mok dt {
          color: #4b5563;
        }
        .mok dd {
          margin: 0;
          font-weight: 600;
        }
      `}</style>
    </section>
  );
}
