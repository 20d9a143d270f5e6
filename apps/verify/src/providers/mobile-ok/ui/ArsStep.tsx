import type { RefObject } from 'react';
import type { MobileOkFlow } from './useMobileOkFlow';

/**
 * ARS: the number to key in, the call on request (again after an unanswered one, mobile-ok
 * 본인확인-API 가이드 §6), then "전화로 인증했어요": the outcome is asked for on that click (the guide's
 * ARS sample has a 검증 button), one confirm request each, within the transaction's few.
 */
export default function ArsStep({
  flow,
  heading,
}: {
  flow: MobileOkFlow;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  const { state, left, call, checkCall, restart } = flow;
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
        <button
          type="button"
          className="primary"
          onClick={() => void checkCall()}
          disabled={busy}
          data-testid="mok-ars-done"
        >
          전화로 인증했어요
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          onClick={() => void call()}
          disabled={busy || !canCall}
          data-testid="mok-call"
        >
          {canCall ? '전화 요청' : '전화 요청됨'}
        </button>
      )}
      <button type="button" className="link" onClick={restart}>
        처음부터 다시
      </button>
    </div>
  );
}
