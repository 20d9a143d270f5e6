import type { GetServerSideProps } from 'next';
import { useEffect, useState } from 'react';
import VerifyCard from '../../core/ui/VerifyCard';
import { KCB_BRAND, KCB_MESSAGE_SOURCE, kcbNextUrl, type KcbPopupMessage } from '../../providers/kcb/rules';
import { privatePage } from '../../core/pages';

/** The window that opened this popup, if it is a page of this very origin. */
function sameOriginOpener(): Window | null {
  try {
    const opener = window.opener as Window | null;
    return opener !== null && opener.location.origin === window.location.origin ? opener : null;
  } catch {
    return null; // another origin's window: its location cannot be read
  }
}

/**
 * /verify/kcb/done?ticket=… | ?code=… — where the KCB popup lands. It hands the one-time ticket
 * (or the error code) to the page that opened it — postMessage with this origin as target, so
 * nobody else can receive it — and closes. Opened without such a page, it goes on to the
 * full-page result itself. It never redeems the ticket: the opener's result page does.
 */
export default function KcbDonePage() {
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const ticket = params.get('ticket');
    const code = params.get('code');
    const message: KcbPopupMessage | null =
      ticket !== null
        ? { source: KCB_MESSAGE_SOURCE, ticket }
        : code !== null
          ? { source: KCB_MESSAGE_SOURCE, code }
          : null;
    const next = kcbNextUrl(message);
    if (next === null) {
      setInvalid(true);
      return;
    }
    const opener = sameOriginOpener();
    if (opener !== null) {
      opener.postMessage(message, window.location.origin);
      window.close();
      return;
    }
    window.location.replace(next);
  }, []);
  return (
    <VerifyCard title="KCB 휴대폰 본인확인" brand={KCB_BRAND}>
      {invalid ? (
        <p className="vc-alert" role="alert">
          본인확인 결과를 찾을 수 없어요. 처음부터 다시 시도해 주세요. <a href="/verify/kcb">다시 시작</a>
        </p>
      ) : (
        <p className="vc-status" role="status">
          본인확인 결과를 원래 화면으로 전달하고 있어요. 이 창은 자동으로 닫혀요.
        </p>
      )}
    </VerifyCard>
  );
}

export const getServerSideProps: GetServerSideProps = async (ctx) => {
  privatePage(ctx.res);
  return { props: {} };
};
