import type { RefObject } from 'react';
import type { MobileOkFlow } from './useMobileOkFlow';

/** PASS: the request is in the app; the flow asks for the approval until it comes. */
export default function PassStep({
  flow,
  heading,
}: {
  flow: MobileOkFlow;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  const { left, restart } = flow;
  return (
    <div className="step">
      <h2 ref={heading} tabIndex={-1}>
        PASS 앱에서 승인해 주세요
      </h2>
      <p>휴대폰의 PASS 앱에 온 본인확인 요청을 승인하면 자동으로 다음 단계로 넘어갑니다.</p>
      {left && <p className="timer">남은 시간 {left}</p>}
      <p className="waiting" aria-hidden="true">
        승인을 기다리는 중…
      </p>
      <button type="button" className="link" onClick={restart}>
        처음부터 다시
      </button>
    </div>
  );
}
