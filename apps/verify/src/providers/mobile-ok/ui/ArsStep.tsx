import type { RefObject } from 'react';
import type { MobileOkFlow } from './useMobileOkFlow';

/** ARS: the number to key in, the call on request (again after an unanswered one), then the wait. */
export default function ArsStep({
  flow,
  heading,
}: {
  flow: MobileOkFlow;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  const { state, left, call, restart } = flow;
  const { phase, busy, canCall } = state;
  if (phase.kind !== 'ars') return null;
  return (
    <div className="step">
      <h2 ref={heading} tabIndex={-1}>
        ARS 전화 인증
      </h2>
      <p>전화를 받으면 아래 인증번호를 휴대폰 키패드로 눌러 주세요.</p>
      <p className="ars-number" aria-label={`인증번호 ${phase.arsOtpNumber.split('').join(' ')}`}>
        {phase.arsOtpNumber}
      </p>
      {left && <p className="timer">남은 시간 {left}</p>}
      {phase.calling ? (
        <p className="waiting">통화 결과를 기다리는 중…</p>
      ) : (
        <button
          type="button"
          className="primary"
          onClick={() => void call()}
          disabled={busy || !canCall}
          data-testid="mok-call"
        >
          전화 요청
        </button>
      )}
      <button type="button" className="link" onClick={restart}>
        처음부터 다시
      </button>
    </div>
  );
}
