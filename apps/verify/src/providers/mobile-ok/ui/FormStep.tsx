import { Choice, Field } from '../../../core/ui/form';
import { MOK_CARRIERS, MOK_DEFAULT_USAGE, MOK_SERVICE_IDS, MOK_SERVICES, usagesFor } from '../rules';
import type { MobileOkFlow } from './useMobileOkFlow';

/** The first step: the service, then the person's data with inline validation, then "인증 요청". */
export default function FormStep({ flow }: { flow: MobileOkFlow }) {
  const { state, fieldError, update, touch, chooseService, submitForm } = flow;
  const { service, form, busy } = state;
  const info = MOK_SERVICES[service];
  return (
    <form onSubmit={(event) => void submitForm(event)} noValidate>
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
        <Field id="mok-carrier" label="통신사" error={fieldError('carrier')}>
          <select
            id="mok-carrier"
            name="carrier"
            value={form.carrier ?? ''}
            onChange={(e) => update('carrier', e.target.value)}
            onBlur={() => touch('carrier')}
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

      <Field id="mok-name" label="이름" error={fieldError('name')}>
        <input
          id="mok-name"
          name="name"
          value={form.name}
          autoComplete="name"
          onChange={(e) => update('name', e.target.value)}
          onBlur={() => touch('name')}
          aria-invalid={fieldError('name') !== undefined}
          aria-describedby="mok-name-error"
        />
      </Field>

      <Field
        id="mok-phone"
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
          onBlur={() => touch('phone')}
          aria-invalid={fieldError('phone') !== undefined}
          aria-describedby="mok-phone-hint mok-phone-error"
        />
      </Field>

      {info.birthday !== 'none' && (
        <Field
          id="mok-birthday"
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
            onBlur={() => touch('birthday')}
            aria-invalid={fieldError('birthday') !== undefined}
            aria-describedby="mok-birthday-hint mok-birthday-error"
          />
        </Field>
      )}

      {info.genderNation && (
        <div className="pair">
          <Choice
            id="mok-gender"
            name="gender"
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
            id="mok-nation"
            name="nation"
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

      <Field id="mok-usageCode" label="이용 목적" error={fieldError('usageCode')}>
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
  );
}
