import { defaultAuth } from '@mfv/auth';
import { ConfigError } from '@mfv/config';
import type { GetServerSideProps } from 'next';
import Script from 'next/script';
import { useEffect, useState } from 'react';
import VerifyCard from '../../core/ui/VerifyCard';
import { VerifyError } from '../../core/errors';
import { privatePage } from '../../core/pages';
import { ssafyPublicConfig } from '../../providers/ssafy/config';
import { SSAFY_PAGE_PATH } from '../../providers/ssafy/rules';
import type { SsafyRedirectCallback } from '../../providers/ssafy/service';
import { verifyRuntime } from '../../runtime';

type Props =
  | { kind: 'popup'; sdkUrl: string | null }
  /** The full-page flow failed: what happened, and the issuer's request_id for support. */
  | { kind: 'failed'; code: string; message: string; requestId: string | null };

/**
 * /verify/ssafy/callback — the registered redirect URI.
 *
 * In a popup it loads the hosted SDK, which hands the callback (code, state, iss, or the error) to
 * the page that opened the popup — on this origin only — and closes the window (SSAFY Verify
 * guide: "redirect_uri에 SDK script가 있으면 popup 결과가 원래 창으로 전달됩니다"). The code is worth
 * nothing without the verifier the opener holds.
 *
 * In the full-page flow (phones, in-app browsers: providers/ssafy/service.ts startRedirect) this
 * browser's transaction holds the state and verifier: the code is exchanged here, on the server,
 * and the person lands on /verify/ssafy, which shows the stored result (and still does on reload).
 */
export default function SsafyCallbackPage(props: Props) {
  const [orphan, setOrphan] = useState(false);
  useEffect(() => {
    setOrphan(window.opener === null);
    // The one-time code leaves the address bar (and the history entry).
    if (props.kind === 'failed') window.history.replaceState(null, '', window.location.pathname);
  }, [props.kind]);
  if (props.kind === 'failed') {
    return (
      <VerifyCard title="SSAFY 교육생 인증" brand="SSAFY Verify">
        <div className="vc-alert" role="alert" data-testid="ssafy-failed" data-code={props.code}>
          <p>{props.message}</p>
          <p className="vc-meta">
            문의하실 때 알려 주실 번호: <span data-testid="ssafy-request-id">{props.requestId ?? '-'}</span>
          </p>
        </div>
        <div className="vc-actions">
          <a className="vc-button" href={SSAFY_PAGE_PATH}>
            다시 시도하기
          </a>
        </div>
      </VerifyCard>
    );
  }
  return (
    <VerifyCard title="SSAFY 교육생 인증" brand="SSAFY Verify">
      {props.sdkUrl && <Script src={props.sdkUrl} strategy="afterInteractive" />}
      {orphan ? (
        <p className="vc-alert" role="alert">
          인증 창이 원래 화면과 연결되어 있지 않아요. 이 창을 닫고 <a href={SSAFY_PAGE_PATH}>SSAFY 인증</a>을
          다시 시작해 주세요.
        </p>
      ) : (
        <p className="vc-status" role="status">
          인증 결과를 원래 화면으로 전달하고 있어요. 이 창은 자동으로 닫혀요.
        </p>
      )}
    </VerifyCard>
  );
}

const one = (value: string | string[] | undefined): string | null =>
  typeof value === 'string' && value.length > 0 && value.length <= 2048 ? value : null;

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  privatePage(ctx.res);
  let sdkUrl: string | null = null;
  try {
    sdkUrl = ssafyPublicConfig().sdkUrl;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { props: { kind: 'popup', sdkUrl: null } };
  }
  const q = ctx.query;
  const callback: SsafyRedirectCallback = {
    code: one(q.code),
    state: one(q.state),
    iss: one(q.iss),
    error: one(q.error),
    errorCode: one(q.error_code),
    requestId: one(q.request_id),
  };
  if (callback.state === null) return { props: { kind: 'popup', sdkUrl } };
  const requestId = defaultAuth().requestIdOf(ctx.req);
  try {
    const done = await verifyRuntime().ssafy.completeRedirect(
      { req: ctx.req, res: ctx.res, requestId },
      callback,
    );
    // Not a full-page transaction: the popup's page, whose SDK hands the callback to its opener.
    if (done === null) return { props: { kind: 'popup', sdkUrl } };
    // SSAFY_PAGE_PATH already carries this remote's basePath.
    return { redirect: { destination: `${SSAFY_PAGE_PATH}?done=1`, basePath: false, permanent: false } };
  } catch (error) {
    if (!(error instanceof VerifyError) || (error.status >= 500 && error.code === 'INTERNAL')) throw error;
    const extra = error.extra as { errorCode?: unknown; requestId?: unknown };
    return {
      props: {
        kind: 'failed',
        code: typeof extra.errorCode === 'string' ? extra.errorCode : error.code,
        message: error.message,
        requestId: typeof extra.requestId === 'string' ? extra.requestId : null,
      },
    };
  }
};
