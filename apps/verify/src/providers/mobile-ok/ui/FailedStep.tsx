import type { RefObject } from 'react';

/** The flow cannot go on: the provider's customer message and the way to start again (or log in). */
export default function FailedStep({
  message,
  code,
  loginHref,
  onRestart,
  heading,
}: {
  message: string;
  code: string;
  loginHref: string;
  onRestart: () => void;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  return (
    <div className="step" data-testid="mok-failed">
      <h2 ref={heading} tabIndex={-1}>
        본인확인을 완료하지 못했습니다
      </h2>
      <p className="alert" role="alert" data-testid="mok-failed-message">
        {message}
      </p>
      {code === 'VERIFICATION_LOGIN_REQUIRED' || code === 'SIGNUP_EXPIRED' ? (
        <a className="button" href={loginHref}>
          로그인 / 회원가입
        </a>
      ) : (
        <button type="button" className="primary" onClick={onRestart} data-testid="mok-restart">
          처음부터 다시
        </button>
      )}
    </div>
  );
}
