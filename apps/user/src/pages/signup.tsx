import { CONSENT_ITEMS, NICKNAME_MAX_LENGTH } from '@mfv/api-contract';
import { createAppClient, ApiCallError } from '@mfv/auth/client';
import { defaultAuth, readCookie, unseal } from '@mfv/auth';
import type { GetServerSideProps } from 'next';
import { useState, type FormEvent } from 'react';
import { Card, Notice } from '../components/Card';
import { consentsGiven, requiredConsentsGiven, type CheckedConsents } from '../server/consents';
import { SIGNUP_PURPOSE, type SignupState } from '../server/signup-state';

interface Props {
  nickname: string;
}

const client = createAppClient('/user');

export default function Signup({ nickname: suggested }: Props) {
  const [nickname, setNickname] = useState(suggested);
  const [checked, setChecked] = useState<CheckedConsents>({});
  const agreed = requiredConsentsGiven(checked);
  const allChecked = CONSENT_ITEMS.every((item) => checked[item.id]);
  const setAll = (value: boolean) =>
    setChecked(Object.fromEntries(CONSENT_ITEMS.map((item) => [item.id, value])));
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
        body: { nickname: trimmed, consents: consentsGiven(checked) },
      });
      window.location.assign(redirectTo);
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message : '가입하지 못했어요. 다시 시도해 주세요.');
      setBusy(false);
    }
  }

  return (
    <Card title="회원 가입" description="닉네임을 정하고 약관에 동의하면 가입이 끝나요.">
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
        <fieldset className="consents">
          <legend>약관 동의</legend>
          <label className="check all">
            <input
              type="checkbox"
              name="agreeAll"
              checked={allChecked}
              onChange={(e) => setAll(e.target.checked)}
            />
            <span>
              전체 동의해요
              <span className="hint">선택 항목을 포함해 모두 동의해요.</span>
            </span>
          </label>
          <ul>
            {CONSENT_ITEMS.map((item) => (
              <li key={item.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    name={item.id}
                    checked={checked[item.id] === true}
                    onChange={(e) => setChecked((c) => ({ ...c, [item.id]: e.target.checked }))}
                  />
                  <span>
                    <span className={item.required ? 'tag required' : 'tag'}>
                      {item.required ? '[필수]' : '[선택]'}
                    </span>{' '}
                    {item.title}
                  </span>
                </label>
                <a className="view" href={item.href} target="_blank" rel="noopener">
                  보기<span className="sr-only"> ({item.name}, 새 창)</span>
                </a>
              </li>
            ))}
          </ul>
        </fieldset>
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
          min-height: 44px;
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
        .consents {
          margin: 8px 0 0;
          padding: 0;
          border: 0;
        }
        legend {
          margin-bottom: 4px;
          font-weight: 700;
        }
        ul {
          margin: 0;
          padding: 0;
          list-style: none;
        }
        li {
          display: flex;
          align-items: center;
          justify-content: space-between;
          gap: 8px;
        }
        .check {
          display: flex;
          flex: 1;
          gap: 10px;
          align-items: center;
          min-height: 44px;
          font-size: 15px;
          cursor: pointer;
        }
        .check input {
          width: 20px;
          height: 20px;
          flex: none;
        }
        .check.all {
          padding: 6px 0;
          border-bottom: 1px solid #e5e7eb;
          font-weight: 700;
        }
        .hint {
          display: block;
          color: #4b5563;
          font-size: 13px;
          font-weight: 400;
        }
        .tag {
          color: #4b5563;
        }
        .tag.required {
          color: #1d4ed8;
          font-weight: 700;
        }
        .view {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          min-width: 44px;
          padding: 0 8px;
          color: #374151;
          font-size: 14px;
        }
        button {
          min-height: 48px;
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
