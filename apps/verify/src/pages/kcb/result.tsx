import { defaultAuth } from '@mfv/auth';
import { formatKstDate, formatKstDateTime } from '@mfv/ui/format';
import {
  verificationLabel,
  verificationNextStep,
  verificationSummary,
  type VerifiedStatusView,
} from '@mfv/ui/verification';
import type { GetServerSideProps } from 'next';
import { useEffect } from 'react';
import { announceVerificationChanged } from '@mfv/ui/live-verification';
import VerifyCard from '../../core/ui/VerifyCard';
import { KCB_BRAND, KCB_TICKET_PATTERN } from '../../providers/kcb/rules';
import type { VerificationResultView } from '../../core/responses';
import { MESSAGES, toVerifyError } from '../../core/errors';
import { redeemTicket } from '../../core/handoff';
import { privatePage } from '../../core/pages';
import { readVerifiedStatus } from '../../core/status';

type Props =
  | { ok: true; result: VerificationResultView }
  | { ok: false; code: string; message: string }
  /** Reloaded after the ticket was spent: the member's lasting status, read on the server. */
  | { ok: 'status'; status: VerifiedStatusView };

/**
 * /verify/kcb/result?ticket=… — the one-time ticket is redeemed here, on the server, for masked
 * fields only; a replayed link finds it spent. The address bar loses the ticket, so a reload comes
 * without one: it shows the member's completed state from the api (GET /verifications/me), never
 * anything from the URL.
 */
export default function KcbResultPage(props: Props) {
  const fresh = props.ok === true;
  useEffect(() => {
    window.history.replaceState(null, '', window.location.pathname);
  }, []);
  // A result just stored: every open page of the site shows the new status (the user menu, 내 정보).
  useEffect(() => {
    if (fresh) announceVerificationChanged();
  }, [fresh]);
  if (props.ok === 'status') {
    const { status } = props;
    return (
      <VerifyCard title="본인확인 완료" brand={KCB_BRAND}>
        <p className="vc-lead" data-testid="kcb-status-summary">
          {verificationSummary(status)}
        </p>
        <dl className="vc-result" data-testid="kcb-result">
          {status.maskedName && (
            <>
              <dt>이름</dt>
              <dd data-testid="kcb-result-name">{status.maskedName}</dd>
            </>
          )}
          <dt>인증 방법</dt>
          <dd>{verificationLabel(status)}</dd>
          <dt>확인한 날</dt>
          <dd>{formatKstDate(status.verifiedAt)}</dd>
        </dl>
        <p className="vc-meta">{verificationNextStep(status)}</p>
        <div className="vc-actions">
          <a className="vc-button" href="/verification">
            계속하기
          </a>
        </div>
      </VerifyCard>
    );
  }
  if (!props.ok) {
    return (
      <VerifyCard title="본인확인 결과" brand={KCB_BRAND}>
        <p className="vc-alert" role="alert" data-testid="kcb-result-error" data-code={props.code}>
          {props.message}
        </p>
        <div className="vc-actions">
          <a className="vc-button" href="/verify/kcb">
            처음부터 다시
          </a>
        </div>
      </VerifyCard>
    );
  }
  const { result } = props;
  return (
    <VerifyCard title="본인확인 완료" brand={KCB_BRAND}>
      <dl className="vc-result" data-testid="kcb-result">
        {result.maskedName && (
          <>
            <dt>이름</dt>
            <dd data-testid="kcb-result-name">{result.maskedName}</dd>
          </>
        )}
        <dt>휴대폰 번호</dt>
        <dd data-testid="kcb-result-phone">{result.maskedPhone}</dd>
        <dt>인증 방법</dt>
        <dd>KCB 휴대폰 본인확인</dd>
        <dt>확인 시각</dt>
        <dd>{formatKstDateTime(result.verifiedAt)}</dd>
      </dl>
      <div className="vc-actions">
        {result.attachedTo === 'signup' ? (
          <a className="vc-button" href="/user/signup">
            회원가입 계속하기
          </a>
        ) : (
          <a className="vc-button" href="/verification">
            계속하기
          </a>
        )}
      </div>
    </VerifyCard>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  privatePage(ctx.res);
  const ticket = ctx.query.ticket;
  if (typeof ticket !== 'string' || !KCB_TICKET_PATTERN.test(ticket)) {
    const status = ticket === undefined ? await readVerifiedStatus(ctx.req, ctx.res) : null;
    if (status !== null) return { props: { ok: 'status', status } };
    return { props: { ok: false, code: 'RESULT_NOT_FOUND', message: MESSAGES.RESULT_NOT_FOUND } };
  }
  const auth = defaultAuth();
  try {
    const result = await redeemTicket(auth, ticket, auth.requestIdOf(ctx.req), ctx.req, ctx.res);
    return { props: { ok: true, result } };
  } catch (error) {
    const mapped = toVerifyError(error);
    if (mapped.status >= 500 && mapped.code === 'INTERNAL') throw error;
    return { props: { ok: false, code: mapped.code, message: mapped.message } };
  }
};
