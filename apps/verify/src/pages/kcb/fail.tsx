import type { GetServerSideProps } from 'next';
import { useEffect } from 'react';
import VerifyCard from '../../core/ui/VerifyCard';
import { KCB_BRAND, KCB_MESSAGE_SOURCE, KCB_POPUP_NAME } from '../../providers/kcb/rules';
import { kcbFailureMessage } from '../../providers/kcb/errors';
import { privatePage } from '../../core/pages';

interface Props {
  code: string;
  message: string;
}

/**
 * /verify/kcb/fail?code=… — the typed error's Korean message, looked up on the server from the
 * code (the URL carries a code, never text or data). Reached inside the KCB popup (a callback
 * with no transaction), it hands the code to the opener like the popup page does.
 */
export default function KcbFailPage({ code, message }: Props) {
  useEffect(() => {
    if (window.name !== KCB_POPUP_NAME) return;
    try {
      const opener = window.opener as Window | null;
      if (opener === null || opener.location.origin !== window.location.origin) return;
      opener.postMessage({ source: KCB_MESSAGE_SOURCE, code }, window.location.origin);
      window.close();
    } catch {
      // another origin's window: stay here and show the message
    }
  }, [code]);
  const login = code === 'VERIFICATION_LOGIN_REQUIRED' || code === 'SIGNUP_EXPIRED';
  return (
    <VerifyCard title="본인확인을 완료하지 못했어요" brand={KCB_BRAND}>
      <p className="vc-alert" role="alert" data-testid="kcb-fail-message" data-code={code}>
        {message}
      </p>
      <div className="vc-actions">
        {login ? (
          <a className="vc-button" href={`/user/login?returnTo=${encodeURIComponent('/verify/kcb')}`}>
            로그인 / 회원가입
          </a>
        ) : (
          <a className="vc-button" href="/verify/kcb" data-testid="kcb-restart">
            처음부터 다시
          </a>
        )}
      </div>
    </VerifyCard>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  privatePage(ctx.res);
  return { props: kcbFailureMessage(ctx.query.code) };
};
