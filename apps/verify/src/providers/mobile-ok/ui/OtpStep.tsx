import type { RefObject } from 'react';
import { MOK_SERVICES } from '../rules';
import type { MobileOkFlow } from './useMobileOkFlow';

/** SMS, LMS, SMS 소유인증: the code, with re-send (remaining count) and retries. */
export default function OtpStep({
  flow,
  heading,
}: {
  flow: MobileOkFlow;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  const { state, left, setCode, submitCode, resend, restart } = flow;
  const { phase, busy, code, codeError } = state;
  if (phase.kind !== 'otp') return null;
  return (
    <div className="step">
      <h2 ref={heading} tabIndex={-1}>
        인증번호 입력
      </h2>
      <p>입력하신 휴대폰으로 보낸 인증번호를 입력해 주세요.</p>
      {left && <p className="timer">남은 시간 {left}</p>}
      <form onSubmit={(event) => void submitCode(event)} noValidate>
        <label htmlFor="mok-authNumber">인증번호</label>
        <input
          id="mok-authNumber"
          name="authNumber"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={10}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={codeError !== null}
          aria-describedby="mok-authNumber-error"
        />
        <p id="mok-authNumber-error" className="field-error">
          {codeError}
        </p>
        {phase.retryRemaining !== undefined && (
          <p className="hint" data-testid="mok-retries">
            남은 재시도 {phase.retryRemaining}회
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="mok-confirm">
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
