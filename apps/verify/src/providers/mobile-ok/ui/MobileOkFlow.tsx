import { useEffect, useRef } from 'react';
import { SITE_NAME } from '@mfv/ui/site';
import { verificationNextStep, verificationSummary, type VerifiedStatusView } from '@mfv/ui/verification';
import type { OwnerKind } from '../../../core/owner';
import { MOK_SERVICES, type MokServiceId } from '../rules';
import ArsStep from './ArsStep';
import FailedStep from './FailedStep';
import FormStep from './FormStep';
import MobileOkStyles from './MobileOkStyles';
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

      <MobileOkStyles />
    </section>
  );
}
