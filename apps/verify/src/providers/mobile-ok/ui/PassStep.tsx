import type { RefObject } from 'react';
import type { MobileOkFlow } from './useMobileOkFlow';

/**
 * PASS: the request is in the app; the person approves it there and then says so here, and only
 * then is the approval asked for (as the mobile-ok 본인확인-API 개발 가이드's samples do: a few
 * confirm requests per transaction, §8 4301).
 */
export default function PassStep({
  flow,
  heading,
}: {
  flow: MobileOkFlow;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  const { state, left, restart, checkApproval } = flow;
  return (
    <div className="step">
      <h2 ref={heading} tabIndex={-1}>
        PASS 앱에서 승인해 주세요
      </h2>
      <p>휴대폰의 PASS 앱에 온 본인확인 요청을 승인한 뒤 아래 버튼을 눌러 주세요.</p>
      {left && <p className="timer">남은 시간 {left}</p>}
      <button
        type="button"
        className="primary"
        onClick={() => void checkApproval()}
        disabled={state.busy}
        data-testid="mok-pass-done"
      >
        PASS 앱에서 승인했어요
      </button>
      <button type="button" className="link" onClick={restart}>
        처음부터 다시
      </button>
    </div>
  );
}
