import type { RefObject } from 'react';

/** The flow cannot go on: the provider's customer message and the way to start again (or log in). */
export default function FailedStep({
  title = '본인확인을 완료하지 못했어요',
  message,
  code,
  loginHref,
  onRestart,
  heading,
}: {
  /** The heading: "성인인증 실패" for a minor in an adult check. */
  title?: string;
  message: string;
  code: string;
  loginHref: string;
  onRestart: () => void;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  return (
    <div className="step" data-testid="mok-failed">
      <h2 ref={heading} tabIndex={-1}>
        {title}
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
