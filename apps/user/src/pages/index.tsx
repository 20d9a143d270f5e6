import type { ConsentState, VerificationStatus } from '@mfv/api-contract';
import type { AuthPageProps } from '@mfv/auth';
import { readVerificationStatus, withAuthSSR } from '@mfv/auth';
import { Card, Notice } from '../components/Card';
import { ConsentSection } from '../components/ConsentSection';
import { useSignOut } from '../components/SignOutButtons';
import { VerificationSection } from '../components/VerificationSection';
import { readOptionalConsents } from '../server/my-consents';

type Props = AuthPageProps<{ verification: VerificationStatus | null; consents: ConsentState[] | null }>;

/** /user — the signed-in member's page (withAuthSSR: no session → the login page). */
export default function Me(props: Props) {
  const { busy, error, signOut } = useSignOut();
  if (props.auth.status === 'unavailable') {
    return (
      <Card title="내 정보" description="내 계정 정보와 선택 동의를 보고 로그아웃할 수 있어요.">
        <Notice tone="error">{props.auth.message}</Notice>
      </Card>
    );
  }
  const { viewer } = props.auth;
  const verification = 'verification' in props ? props.verification : null;
  const consents = 'consents' in props ? props.consents : null;
  return (
    <Card title="내 정보" description="내 계정 정보와 선택 동의를 보고 로그아웃할 수 있어요.">
      <p>
        <strong data-testid="me-nickname">{viewer.nickname ?? '회원'}</strong>님, 반가워요.
      </p>
      {verification && <VerificationSection status={verification} />}
      <ConsentSection items={consents} />
      <div className="actions">
        <a className="home" href="/">
          홈으로
        </a>
        <button type="button" disabled={busy} onClick={() => signOut(false)}>
          로그아웃
        </button>
        <button type="button" disabled={busy} onClick={() => signOut(true)}>
          모든 기기에서 로그아웃
        </button>
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      <style jsx>{`
        .actions {
          display: flex;
          gap: 10px;
          align-items: center;
          flex-wrap: wrap;
        }
        button,
        .home {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          padding: 0 14px;
          color: #111827;
          text-decoration: none;
          border: 1px solid #d0d7de;
          border-radius: 8px;
          background: #fff;
          font: inherit;
          cursor: pointer;
        }
      `}</style>
    </Card>
  );
}

export const getServerSideProps = withAuthSSR(
  async (_ctx, auth) => {
    const [verification, consents] = await Promise.all([
      readVerificationStatus(auth),
      readOptionalConsents(auth),
    ]);
    return { props: { verification, consents } };
  },
  { app: 'user' },
);
