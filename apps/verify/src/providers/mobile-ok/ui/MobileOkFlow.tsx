import { ApiCallError, createAppClient } from '@mfv/auth/client';
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { formatKstDateTime } from '@mfv/ui/format';
import {
  MOK_CARRIERS,
  MOK_DEFAULT_USAGE,
  MOK_SERVICE_IDS,
  MOK_SERVICES,
  normalizeMokForm,
  usagesFor,
  validateAuthNumber,
  validateMokForm,
  type MokConfirmResponse,
  type MokForm,
  type MokFormErrors,
  type MokRequestResponse,
  type MokServiceId,
  type MokStartResponse,
} from '../rules';
import type { VerificationResultView, VerifyErrorBody } from '../../../core/responses';

import type { OwnerKind } from '../../../core/owner';

export interface MokFlowProps {
  initialService: MokServiceId;
  owner: OwnerKind;
  /** Where "계속하기" leads after success (a same-site path). */
  returnTo: string;
}

type Phase =
  | { kind: 'form' }
  | { kind: 'otp'; resendRemaining?: number; retryRemaining?: number }
  | { kind: 'pass' }
  | { kind: 'ars'; arsOtpNumber: string; calling: boolean }
  | { kind: 'done'; result: VerificationResultView }
  | { kind: 'failed'; message: string; code: string };

const client = createAppClient('/verify');
/** How often PASS approval and the ARS call are asked after (the sandbox approves PASS after ~2 s). */
const POLL_MS = 2_000;
const EXPIRED_MESSAGE = '유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요.';
const NETWORK_MESSAGE = '네트워크 연결을 확인한 뒤 다시 시도해 주세요.';

const EMPTY_FORM: MokForm = { carrier: '', name: '', phone: '', birthday: '', gender: '', nation: '0' };

/** Failures after which this transaction cannot go on: the failure screen, with "처음부터 다시". */
function isTerminal(error: ApiCallError): boolean {
  const body = error.body as Partial<VerifyErrorBody>;
  if (body.restart === true) return true;
  if (error.status === 401 || error.status === 410) return true;
  return error.status === 409 && error.code !== 'MOK_TX_BUSY' && error.code !== 'MOK_STEP_INVALID';
}

function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * 휴대폰 본인확인 (mobile-ok): service and carrier choice, the form with inline validation, then
 * the service's step — code entry with re-send and retries, the PASS approval, the ARS call — and
 * the masked result. Every failure shows the provider's customer message and a way to start again.
 * The page talks to this remote's own API only; the browser never holds a provider token, CI, DI
 * or anything the person did not type themselves.
 */
export default function MokFlow({ initialService, owner, returnTo }: MokFlowProps) {
  const [service, setService] = useState<MokServiceId>(initialService);
  const [form, setForm] = useState<MokForm>({ ...EMPTY_FORM, usageCode: MOK_DEFAULT_USAGE });
  const [touched, setTouched] = useState<Partial<Record<keyof MokForm, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<string, string>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [alert, setAlert] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [expiresAt, setExpiresAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [canCall, setCanCall] = useState(true);
  const heading = useRef<HTMLHeadingElement>(null);
  const info = MOK_SERVICES[service];

  const clientErrors: MokFormErrors = validateMokForm(service, form);
  const fieldError = (field: keyof MokForm): string | undefined =>
    serverErrors[field] ?? (touched[field] || submitted ? clientErrors[field] : undefined);

  // A new step: move focus to its heading, so screen readers announce where the person is.
  useEffect(() => {
    if (phase.kind !== 'form') heading.current?.focus();
  }, [phase.kind]);

  const fail = useCallback((message: string, failedCode: string) => {
    setPhase({ kind: 'failed', message, code: failedCode });
    setExpiresAt(null);
    setStatus('');
    setAlert(null);
  }, []);

  /** Any error of the API: field errors stay on the step; restart → the failure screen; else a notice. */
  const handleError = useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiCallError)) {
        setAlert(NETWORK_MESSAGE);
        return;
      }
      const body = error.body as Partial<VerifyErrorBody>;
      if (error.code === 'INVALID_INPUT' && body.fields) {
        setServerErrors(body.fields);
        if (body.fields.authNumber) setCodeError(body.fields.authNumber);
        setAlert(error.message);
        return;
      }
      if (isTerminal(error)) {
        fail(error.message, error.code);
        return;
      }
      setAlert(error.message);
      if (typeof body.retryRemaining === 'number' || typeof body.resendRemaining === 'number') {
        setPhase((current) =>
          current.kind === 'otp'
            ? {
                ...current,
                ...(typeof body.retryRemaining === 'number' ? { retryRemaining: body.retryRemaining } : {}),
                ...(typeof body.resendRemaining === 'number'
                  ? { resendRemaining: body.resendRemaining }
                  : {}),
              }
            : current,
        );
      }
      if (body.canCall) {
        setCanCall(true);
        setPhase((current) => (current.kind === 'ars' ? { ...current, calling: false } : current));
      }
    },
    [fail],
  );

  const showResult = useCallback(async (ticket: string) => {
    const result = await client.json<VerificationResultView>('/api/verification/result', {
      method: 'POST',
      body: { ticket },
    });
    setPhase({ kind: 'done', result });
    setExpiresAt(null);
    setAlert(null);
    setStatus('본인확인이 완료되었습니다.');
  }, []);

  /** confirm/request; true when the flow is over (verified or failed), false while pending. */
  const confirm = useCallback(
    async (authNumber?: string): Promise<boolean> => {
      try {
        const answer = await client.json<MokConfirmResponse>('/api/mok/confirm', {
          method: 'POST',
          body: authNumber === undefined ? {} : { authNumber },
        });
        if (answer.status === 'pending') return false;
        await showResult(answer.ticket);
        return true;
      } catch (error) {
        handleError(error);
        // Waiting goes on through a dropped connection or a busy moment; any other answer ends it.
        return !(error instanceof ApiCallError) || error.code === 'MOK_TX_BUSY' ? false : true;
      }
    },
    [handleError, showResult],
  );

  // PASS approval and the ARS call: ask again every POLL_MS while the step waits.
  const waiting = phase.kind === 'pass' || (phase.kind === 'ars' && phase.calling);
  useEffect(() => {
    if (!waiting) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (stopped) return;
      const done = await confirm();
      if (!stopped && !done) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [waiting, confirm]);

  // The 10 minutes of the transaction (guide §4), shown while a step waits for the person.
  useEffect(() => {
    if (expiresAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  useEffect(() => {
    if (expiresAt !== null && now >= expiresAt) fail(EXPIRED_MESSAGE, 'EXPIRED');
  }, [now, expiresAt, fail]);

  const update = (field: keyof MokForm, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => ({ ...current, [field]: undefined }));
  };

  const chooseService = (next: MokServiceId) => {
    setService(next);
    setServerErrors({});
    setForm((current) =>
      usagesFor(next).some((u) => u.code === current.usageCode)
        ? current
        : { ...current, usageCode: MOK_DEFAULT_USAGE },
    );
  };

  async function submitForm(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setAlert(null);
    const errors = validateMokForm(service, form);
    const first = Object.keys(errors)[0];
    if (first !== undefined) {
      document.getElementById(`mok-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setStatus('인증을 요청하고 있습니다…');
    try {
      const started = await client.json<MokStartResponse>('/api/mok/start', {
        method: 'POST',
        body: { service },
      });
      const requested = await client.json<MokRequestResponse>('/api/mok/request', {
        method: 'POST',
        body: normalizeMokForm(service, form),
      });
      setExpiresAt(Date.parse(started.expiresAt));
      setNow(Date.now());
      setCode('');
      setCodeError(null);
      setCanCall(true);
      if (requested.next === 'otp') {
        setPhase({
          kind: 'otp',
          ...(requested.resendRemaining !== undefined ? { resendRemaining: requested.resendRemaining } : {}),
        });
        setStatus('인증번호를 보냈습니다. 문자로 받은 인증번호를 입력해 주세요.');
      } else if (requested.next === 'pass') {
        setPhase({ kind: 'pass' });
        setStatus('PASS 앱으로 본인확인 요청을 보냈습니다. 앱에서 승인해 주세요.');
      } else {
        setPhase({ kind: 'ars', arsOtpNumber: requested.arsOtpNumber ?? '', calling: false });
        setStatus('전화 요청 버튼을 누르면 전화가 걸려 옵니다.');
      }
    } catch (error) {
      setStatus('');
      handleError(error);
    } finally {
      setBusy(false);
    }
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    setAlert(null);
    const problem = validateAuthNumber(service, code);
    setCodeError(problem ?? null);
    if (problem !== undefined) {
      document.getElementById('mok-authNumber')?.focus();
      return;
    }
    setBusy(true);
    setStatus('인증번호를 확인하고 있습니다…');
    await confirm(code.trim());
    setBusy(false);
  }

  async function resend() {
    setAlert(null);
    setBusy(true);
    try {
      const answer = await client.json<{ resendRemaining: number | null }>('/api/mok/resend', {
        method: 'POST',
      });
      setPhase((current) =>
        current.kind === 'otp'
          ? {
              ...current,
              ...(answer.resendRemaining !== null ? { resendRemaining: answer.resendRemaining } : {}),
            }
          : current,
      );
      setStatus('인증번호를 다시 보냈습니다.');
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
    }
  }

  async function call() {
    setAlert(null);
    setBusy(true);
    try {
      await client.json('/api/mok/call', { method: 'POST' });
      setCanCall(false);
      setPhase((current) => (current.kind === 'ars' ? { ...current, calling: true } : current));
      setStatus('전화를 걸고 있습니다. 전화를 받아 화면의 인증번호를 눌러 주세요.');
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
    }
  }

  function restart() {
    setPhase({ kind: 'form' });
    setExpiresAt(null);
    setAlert(null);
    setStatus('');
    setServerErrors({});
    setCode('');
  }

  const left = expiresAt === null ? null : formatLeft(expiresAt - now);
  const loginHref = `/user/login?returnTo=${encodeURIComponent(`/verify/mok?service=${service}`)}`;

  return (
    <section className="mok" aria-labelledby="mok-title" data-phase={phase.kind}>
      <a className="brand" href="/">
        MFV
      </a>
      <h1 id="mok-title">휴대폰 본인확인</h1>
      <p className="lead">
        본인 명의의 휴대폰으로 본인확인을 합니다. 결과는 이름과 번호 일부만 가린 채로 보여 드립니다.
      </p>
      <p className="status" role="status" aria-live="polite" data-testid="mok-status">
        {status}
      </p>
      {alert && (
        <p className="alert" role="alert" data-testid="mok-alert">
          {alert}
        </p>
      )}

      {owner === 'none' && phase.kind === 'form' && (
        <div className="notice" data-testid="mok-login-required">
          <p>본인확인 결과는 계정에 저장됩니다. 먼저 로그인하거나 회원가입을 시작해 주세요.</p>
          <a className="button" href={loginHref}>
            로그인 / 회원가입
          </a>
        </div>
      )}
      {owner === 'unavailable' && phase.kind === 'form' && (
        <p className="notice">로그인 상태를 확인하지 못했습니다. 잠시 후 다시 시도해 주세요.</p>
      )}
      {owner === 'signup' && phase.kind === 'form' && (
        <p className="notice">회원가입 중입니다. 본인확인을 마치면 가입을 이어서 진행할 수 있습니다.</p>
      )}

      {phase.kind === 'form' && owner !== 'none' && (
        <form onSubmit={submitForm} noValidate>
          <fieldset className="services">
            <legend>인증 방법</legend>
            {MOK_SERVICE_IDS.map((id) => (
              <label key={id} className={id === service ? 'choice checked' : 'choice'}>
                <input
                  type="radio"
                  name="service"
                  value={id}
                  checked={id === service}
                  onChange={() => chooseService(id)}
                />
                <span>
                  <strong>{MOK_SERVICES[id].label}</strong>
                  <small>{MOK_SERVICES[id].description}</small>
                </span>
              </label>
            ))}
          </fieldset>

          {info.carrier && (
            <Field id="carrier" label="통신사" error={fieldError('carrier')}>
              <select
                id="mok-carrier"
                name="carrier"
                value={form.carrier ?? ''}
                onChange={(e) => update('carrier', e.target.value)}
                onBlur={() => setTouched((t) => ({ ...t, carrier: true }))}
                aria-invalid={fieldError('carrier') !== undefined}
                aria-describedby="mok-carrier-error"
              >
                <option value="">통신사를 선택하세요</option>
                {MOK_CARRIERS.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </Field>
          )}

          <Field id="name" label="이름" error={fieldError('name')}>
            <input
              id="mok-name"
              name="name"
              value={form.name}
              autoComplete="name"
              onChange={(e) => update('name', e.target.value)}
              onBlur={() => setTouched((t) => ({ ...t, name: true }))}
              aria-invalid={fieldError('name') !== undefined}
              aria-describedby="mok-name-error"
            />
          </Field>

          <Field
            id="phone"
            label="휴대폰 번호"
            hint="숫자만 입력 (예: 01012345678)"
            error={fieldError('phone')}
          >
            <input
              id="mok-phone"
              name="phone"
              type="tel"
              inputMode="numeric"
              autoComplete="tel-national"
              value={form.phone}
              onChange={(e) => update('phone', e.target.value)}
              onBlur={() => setTouched((t) => ({ ...t, phone: true }))}
              aria-invalid={fieldError('phone') !== undefined}
              aria-describedby="mok-phone-hint mok-phone-error"
            />
          </Field>

          {info.birthday !== 'none' && (
            <Field
              id="birthday"
              label={info.birthday === 'optional' ? '생년월일 (선택)' : '생년월일'}
              hint="8자리 숫자 (예: 19900315)"
              error={fieldError('birthday')}
            >
              <input
                id="mok-birthday"
                name="birthday"
                inputMode="numeric"
                autoComplete="bday"
                maxLength={10}
                value={form.birthday ?? ''}
                onChange={(e) => update('birthday', e.target.value)}
                onBlur={() => setTouched((t) => ({ ...t, birthday: true }))}
                aria-invalid={fieldError('birthday') !== undefined}
                aria-describedby="mok-birthday-hint mok-birthday-error"
              />
            </Field>
          )}

          {info.genderNation && (
            <div className="pair">
              <Choice
                id="gender"
                legend="성별"
                value={form.gender ?? ''}
                options={[
                  ['1', '남자'],
                  ['2', '여자'],
                ]}
                error={fieldError('gender')}
                onChange={(v) => update('gender', v)}
              />
              <Choice
                id="nation"
                legend="내/외국인"
                value={form.nation ?? ''}
                options={[
                  ['0', '내국인'],
                  ['1', '외국인'],
                ]}
                error={fieldError('nation')}
                onChange={(v) => update('nation', v)}
              />
            </div>
          )}

          <Field id="usageCode" label="이용 목적" error={fieldError('usageCode')}>
            <select
              id="mok-usageCode"
              name="usageCode"
              value={form.usageCode ?? MOK_DEFAULT_USAGE}
              onChange={(e) => update('usageCode', e.target.value)}
              aria-describedby="mok-usageCode-error"
            >
              {usagesFor(service).map((u) => (
                <option key={u.code} value={u.code}>
                  {u.label}
                </option>
              ))}
            </select>
          </Field>

          <button type="submit" className="primary" disabled={busy} data-testid="mok-submit">
            {busy ? '요청 중…' : '인증 요청'}
          </button>
        </form>
      )}

      {phase.kind === 'otp' && (
        <div className="step">
          <h2 ref={heading} tabIndex={-1}>
            인증번호 입력
          </h2>
          <p>입력하신 휴대폰으로 보낸 인증번호를 입력해 주세요.</p>
          {left && <p className="timer">남은 시간 {left}</p>}
          <form onSubmit={submitCode} noValidate>
            <label htmlFor="mok-authNumber">인증번호</label>
            <input
              id="mok-authNumber"
              name="authNumber"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={10}
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
                setCodeError(null);
              }}
              aria-invalid={codeError !== null}
              aria-describedby="mok-authNumber-error"
            />
            <p id="mok-authNumber-error" className="field-error">
              {codeError}
            </p>
            {phase.retryRemaining !== undefined && (
              <p className="hint" data-testid="mok-retries">
                남은 재시도 {phase.retryRemaining}회
              </p>
            )}
            <button type="submit" className="primary" disabled={busy} data-testid="mok-confirm">
              확인
            </button>
          </form>
          {info.resend && (
            <button
              type="button"
              className="secondary"
              onClick={resend}
              disabled={busy || phase.resendRemaining === 0}
              data-testid="mok-resend"
            >
              인증번호 다시 받기
              {phase.resendRemaining !== undefined && ` (남은 횟수 ${phase.resendRemaining}회)`}
            </button>
          )}
          <button type="button" className="link" onClick={restart}>
            처음부터 다시
          </button>
        </div>
      )}

      {phase.kind === 'pass' && (
        <div className="step">
          <h2 ref={heading} tabIndex={-1}>
            PASS 앱에서 승인해 주세요
          </h2>
          <p>휴대폰의 PASS 앱에 온 본인확인 요청을 승인하면 자동으로 다음 단계로 넘어갑니다.</p>
          {left && <p className="timer">남은 시간 {left}</p>}
          <p className="waiting" aria-hidden="true">
            승인을 기다리는 중…
          </p>
          <button type="button" className="link" onClick={restart}>
            처음부터 다시
          </button>
        </div>
      )}

      {phase.kind === 'ars' && (
        <div className="step">
          <h2 ref={heading} tabIndex={-1}>
            ARS 전화 인증
          </h2>
          <p>전화를 받으면 아래 인증번호를 휴대폰 키패드로 눌러 주세요.</p>
          <p className="ars-number" aria-label={`인증번호 ${phase.arsOtpNumber.split('').join(' ')}`}>
            {phase.arsOtpNumber}
          </p>
          {left && <p className="timer">남은 시간 {left}</p>}
          {phase.calling ? (
            <p className="waiting">통화 결과를 기다리는 중…</p>
          ) : (
            <button
              type="button"
              className="primary"
              onClick={call}
              disabled={busy || !canCall}
              data-testid="mok-call"
            >
              전화 요청
            </button>
          )}
          <button type="button" className="link" onClick={restart}>
            처음부터 다시
          </button>
        </div>
      )}

      {phase.kind === 'done' && (
        <div className="step" data-testid="mok-result">
          <h2 ref={heading} tabIndex={-1}>
            본인확인 완료
          </h2>
          <dl>
            {phase.result.maskedName && (
              <>
                <dt>이름</dt>
                <dd data-testid="mok-result-name">{phase.result.maskedName}</dd>
              </>
            )}
            <dt>휴대폰 번호</dt>
            <dd data-testid="mok-result-phone">{phase.result.maskedPhone}</dd>
            <dt>인증 방법</dt>
            <dd>{info.label}</dd>
            {phase.result.isAdult !== undefined && (
              <>
                <dt>성인 여부</dt>
                <dd>{phase.result.isAdult ? '성인' : '미성년자'}</dd>
              </>
            )}
            <dt>확인 시각</dt>
            <dd>{formatKstDateTime(phase.result.verifiedAt)}</dd>
          </dl>
          {!phase.result.identity && (
            <p className="hint">SMS 소유 인증은 번호의 소유만 확인하며 명의는 확인하지 않습니다.</p>
          )}
          {phase.result.attachedTo === 'signup' ? (
            <a className="button" href="/user/signup">
              회원가입 계속하기
            </a>
          ) : (
            <a className="button" href={returnTo}>
              계속하기
            </a>
          )}
        </div>
      )}

      {phase.kind === 'failed' && (
        <div className="step" data-testid="mok-failed">
          <h2 ref={heading} tabIndex={-1}>
            본인확인을 완료하지 못했습니다
          </h2>
          <p className="alert" role="alert" data-testid="mok-failed-message">
            {phase.message}
          </p>
          {phase.code === 'VERIFICATION_LOGIN_REQUIRED' || phase.code === 'SIGNUP_EXPIRED' ? (
            <a className="button" href={loginHref}>
              로그인 / 회원가입
            </a>
          ) : (
            <button type="button" className="primary" onClick={restart} data-testid="mok-restart">
              처음부터 다시
            </button>
          )}
        </div>
      )}

      <style jsx>{`
        .mok {
          width: min(480px, 100%);
          padding: 28px;
          background: #fff;
          border: 1px solid #e5e7eb;
          border-radius: 16px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.06);
        }
        .brand {
          font-weight: 800;
          letter-spacing: 0.04em;
          color: #111827;
          text-decoration: none;
        }
        h1 {
          font-size: 22px;
          margin: 14px 0 6px;
        }
        h2 {
          font-size: 18px;
          margin: 8px 0;
        }
        h2:focus {
          outline: none;
        }
        .lead,
        .hint {
          color: #4b5563;
          font-size: 14px;
        }
        .status:empty {
          display: none;
        }
        .status {
          color: #1d4ed8;
          font-size: 14px;
        }
        .alert {
          padding: 10px 12px;
          border-radius: 8px;
          background: #fef2f2;
          color: #991b1b;
        }
        .notice {
          padding: 10px 12px;
          border-radius: 8px;
          background: #eff6ff;
          color: #1e3a8a;
        }
        form {
          display: grid;
          gap: 12px;
        }
        fieldset {
          border: 0;
          margin: 0;
          padding: 0;
        }
        legend,
        label {
          font-weight: 600;
          font-size: 14px;
        }
        .services {
          display: grid;
          gap: 6px;
        }
        .choice {
          display: flex;
          gap: 10px;
          align-items: flex-start;
          padding: 10px 12px;
          border: 1px solid #d0d7de;
          border-radius: 10px;
          font-weight: 400;
          cursor: pointer;
        }
        .choice.checked {
          border-color: #2563eb;
          background: #eff6ff;
        }
        .choice span {
          display: grid;
        }
        .choice small {
          color: #6b7280;
        }
        .pair {
          display: grid;
          grid-template-columns: 1fr 1fr;
          gap: 12px;
        }
        input:not([type='radio']),
        select {
          width: 100%;
          box-sizing: border-box;
          padding: 10px 12px;
          border: 1px solid #d0d7de;
          border-radius: 8px;
          font: inherit;
        }
        input[aria-invalid='true'],
        select[aria-invalid='true'] {
          border-color: #b91c1c;
        }
        .field-error {
          margin: 0;
          color: #b91c1c;
          font-size: 13px;
        }
        .field-error:empty {
          display: none;
        }
        .primary,
        .button {
          display: block;
          width: 100%;
          box-sizing: border-box;
          padding: 12px;
          border: 0;
          border-radius: 10px;
          background: #2563eb;
          color: #fff;
          font: inherit;
          font-weight: 700;
          text-align: center;
          text-decoration: none;
          cursor: pointer;
        }
        .primary:disabled {
          background: #93c5fd;
          cursor: default;
        }
        .secondary {
          width: 100%;
          margin-top: 10px;
          padding: 10px;
          border: 1px solid #2563eb;
          border-radius: 10px;
          background: #fff;
          color: #1d4ed8;
          font: inherit;
          cursor: pointer;
        }
        .secondary:disabled {
          border-color: #d1d5db;
          color: #9ca3af;
          cursor: default;
        }
        .link {
          margin-top: 10px;
          border: 0;
          background: none;
          color: #4b5563;
          font: inherit;
          text-decoration: underline;
          cursor: pointer;
        }
        button:focus-visible,
        .button:focus-visible,
        input:focus-visible,
        select:focus-visible {
          outline: 3px solid #93c5fd;
          outline-offset: 2px;
        }
        .timer {
          color: #6b7280;
          font-variant-numeric: tabular-nums;
        }
        .waiting {
          color: #1d4ed8;
        }
        .ars-number {
          margin: 12px 0;
          font-size: 36px;
          font-weight: 800;
          letter-spacing: 0.3em;
          text-align: center;
        }
        dl {
          display: grid;
          grid-template-columns: max-content 1fr;
          gap: 6px 16px;
        }
        dt {
          color: #6b7280;
        }
        dd {
          margin: 0;
          font-weight: 600;
        }
      `}</style>
    </section>
  );
}

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={`mok-${id}`}>{label}</label>
      {children}
      {hint && (
        <p id={`mok-${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <p id={`mok-${id}-error`} className="field-error">
        {error}
      </p>
      <style jsx>{`
        .field {
          display: grid;
          gap: 4px;
        }
        .hint {
          margin: 0;
          color: #6b7280;
          font-size: 13px;
        }
        .field-error {
          margin: 0;
          color: #b91c1c;
          font-size: 13px;
        }
        .field-error:empty {
          display: none;
        }
      `}</style>
    </div>
  );
}

function Choice({
  id,
  legend,
  value,
  options,
  error,
  onChange,
}: {
  id: string;
  legend: string;
  value: string;
  options: [string, string][];
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <fieldset aria-describedby={`mok-${id}-error`}>
      <legend>{legend}</legend>
      <div className="options">
        {options.map(([v, text], i) => (
          <label key={v}>
            <input
              type="radio"
              id={i === 0 ? `mok-${id}` : undefined}
              name={id}
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
            />
            {text}
          </label>
        ))}
      </div>
      <p id={`mok-${id}-error`} className="field-error">
        {error}
      </p>
      <style jsx>{`
        fieldset {
          border: 0;
          margin: 0;
          padding: 0;
        }
        legend {
          font-weight: 600;
          font-size: 14px;
        }
        .options {
          display: flex;
          gap: 14px;
          padding: 8px 0;
        }
        label {
          display: flex;
          gap: 6px;
          align-items: center;
        }
        .field-error {
          margin: 0;
          color: #b91c1c;
          font-size: 13px;
        }
        .field-error:empty {
          display: none;
        }
      `}</style>
    </fieldset>
  );
}
