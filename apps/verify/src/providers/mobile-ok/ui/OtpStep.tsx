import type { RefObject } from 'react';
import { MOK_SERVICES } from '../rules';
import type { MobileOkFlow } from './useMobileOkFlow';

/**
 * SMS, LMS, SMS 소유인증: the code, its 3:00 countdown inside the field (restarted by 재전송),
 * what went wrong said at the field, re-send with the count left.
 */
export default function OtpStep({
  flow,
  heading,
}: {
  flow: MobileOkFlow;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  const { state, codeLeft, codeExpired, setCode, submitCode, resend, restart } = flow;
  const { phase, busy, code, codeError } = state;
  if (phase.kind !== 'otp') return null;
  const describedBy = ['mok-authNumber-timer', 'mok-authNumber-error'].join(' ');
  return (
    <div className="step">
      <h2 ref={heading} tabIndex={-1}>
        인증번호 입력
      </h2>
      <p>입력하신 휴대폰으로 보낸 인증번호를 3분 안에 입력해 주세요.</p>
      <form onSubmit={(event) => void submitCode(event)} noValidate>
        <label htmlFor="mok-authNumber">인증번호</label>
        <span className="code-field">
          <input
            id="mok-authNumber"
            name="authNumber"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={10}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-invalid={codeError !== null}
            aria-describedby={describedBy}
          />
          {codeLeft && (
            <span id="mok-authNumber-timer" className={codeExpired ? 'code-timer over' : 'code-timer'}>
              <span className="sr-only">남은 입력 시간 </span>
              <span data-testid="mok-code-timer">{codeLeft}</span>
            </span>
          )}
        </span>
        <p id="mok-authNumber-error" className="field-error" role="alert" data-testid="mok-code-error">
          {codeError}
        </p>
        <button type="submit" className="primary" disabled={busy || codeExpired} data-testid="mok-confirm">
          확인
        </button>
      </form>
      {MOK_SERVICES[state.service].resend && (
        <button
          type="button"
          className="secondary"
          onClick={() => void resend()}
          disabled={busy || phase.resendRemaining === 0}
          data-testid="mok-resend"
        >
          인증번호 다시 받기
          {phase.resendRemaining !== undefined && ` (남은 횟수 ${phase.resendRemaining}회)`}
        </button>
      )}
      <button type="button" className="link" onClick={restart}>
        처음부터 다시
      </button>
    </div>
  );
}
