import { NICKNAME_MAX_LENGTH } from '@mfv/api-contract';
import { createAppClient, ApiCallError } from '@mfv/auth/client';
import { defaultAuth, readCookie, unseal } from '@mfv/auth';
import type { GetServerSideProps } from 'next';
import { useState, type FormEvent } from 'react';
import { Card, Notice } from '../components/Card';
import { SIGNUP_PURPOSE, type SignupState } from '../server/signup-state';

interface Props {
  nickname: string;
}

const client = createAppClient('/user');

export default function Signup({ nickname: suggested }: Props) {
  const [nickname, setNickname] = useState(suggested);
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const trimmed = nickname.trim();
  const nicknameError =
    trimmed.length === 0
      ? '닉네임을 입력해 주세요.'
      : [...trimmed].length > NICKNAME_MAX_LENGTH
        ? `닉네임은 ${NICKNAME_MAX_LENGTH}자 이하로 입력해 주세요.`
        : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (nicknameError || !agreed) return;
    setBusy(true);
    setError(null);
    try {
      const { redirectTo } = await client.json<{ redirectTo: string }>('/api/signup', {
        method: 'POST',
        body: { nickname: trimmed, agreeTerms: true },
      });
      window.location.assign(redirectTo);
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message : '가입하지 못했습니다. 다시 시도해 주세요.');
      setBusy(false);
    }
  }

  return (
    <Card title="회원 가입">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="nickname">닉네임</label>
        <input
          id="nickname"
          name="nickname"
          value={nickname}
          onChange={(e) => setNickname(e.target.value)}
          aria-invalid={nicknameError !== null}
          aria-describedby="nickname-error"
          autoComplete="nickname"
        />
        {nicknameError && (
          <p id="nickname-error" className="field-error">
            {nicknameError}
          </p>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={agreed}
            onChange={(e) => setAgreed(e.target.checked)}
            name="agreeTerms"
          />
          이용약관과 개인정보 처리방침에 동의합니다.
        </label>
        {error && <Notice tone="error">{error}</Notice>}
        <button type="submit" disabled={busy || nicknameError !== null || !agreed}>
          {busy ? '가입 중…' : '가입하고 시작하기'}
        </button>
      </form>
      <style jsx>{`
        form {
          display: grid;
          gap: 10px;
        }
        input[type='text'],
        input:not([type]) {
          padding: 10px 12px;
          border: 1px solid #d0d7de;
          border-radius: 8px;
          font: inherit;
        }
        .field-error {
          margin: 0;
          color: #b91c1c;
          font-size: 13px;
        }
        .check {
          display: flex;
          gap: 8px;
          align-items: center;
          font-size: 14px;
        }
        button {
          padding: 12px;
          border: 0;
          border-radius: 10px;
          background: #2563eb;
          color: #fff;
          font: inherit;
          font-weight: 700;
          cursor: pointer;
        }
        button:disabled {
          background: #93c5fd;
          cursor: default;
        }
      `}</style>
    </Card>
  );
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  const { config } = defaultAuth();
  const sealed = readCookie(ctx.req, config.cookie, 'signup');
  const signup = sealed ? unseal<SignupState>(config.keys.seal, SIGNUP_PURPOSE, sealed) : null;
  if (!signup)
    return {
      redirect: { destination: '/user/login?error=SIGNUP_EXPIRED', permanent: false, basePath: false },
    };
  ctx.res.setHeader('Cache-Control', 'no-store');
  return { props: { nickname: (signup.nickname ?? '').slice(0, NICKNAME_MAX_LENGTH) } };
};
