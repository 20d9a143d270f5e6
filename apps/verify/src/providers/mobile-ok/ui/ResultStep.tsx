import type { RefObject } from 'react';
import { formatKstDateTime } from '@mfv/ui/format';
import type { VerificationResultView } from '../../../core/responses';

/** Verified: the masked result and the way on (the signup, or where the person came from). */
export default function ResultStep({
  result,
  serviceLabel,
  returnTo,
  heading,
}: {
  result: VerificationResultView;
  serviceLabel: string;
  returnTo: string;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  return (
    <div className="step" data-testid="mok-result">
      <h2 ref={heading} tabIndex={-1}>
        본인확인 완료
      </h2>
      <dl>
        {result.maskedName && (
          <>
            <dt>이름</dt>
            <dd data-testid="mok-result-name">{result.maskedName}</dd>
          </>
        )}
        <dt>휴대폰 번호</dt>
        <dd data-testid="mok-result-phone">{result.maskedPhone}</dd>
        <dt>인증 방법</dt>
        <dd>{serviceLabel}</dd>
        {result.isAdult !== undefined && (
          <>
            <dt>성인 여부</dt>
            <dd>{result.isAdult ? '성인' : '미성년자'}</dd>
          </>
        )}
        <dt>확인 시각</dt>
        <dd>{formatKstDateTime(result.verifiedAt)}</dd>
      </dl>
      {!result.identity && (
        <p className="hint">SMS 소유 인증은 번호의 소유만 확인하고 명의는 확인하지 않아요.</p>
      )}
      {result.attachedTo === 'signup' ? (
        <a className="button" href="/user/signup">
          회원가입 계속하기
        </a>
      ) : (
        <a className="button" href={returnTo}>
          계속하기
        </a>
      )}
    </div>
  );
}
