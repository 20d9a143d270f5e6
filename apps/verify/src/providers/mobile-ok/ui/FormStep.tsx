import { Field } from '../../../core/ui/form';
import { MOK_SERVICE_IDS, MOK_SERVICES } from '../rules';
import { CARRIER_TILES, MOK_CONSENTS, MVNO_NETWORKS } from './standard-window';
import type { MobileOkFlow } from './useMobileOkFlow';

/** An adult check is a 휴대폰본인확인 by SMS (usageCode 01016/01026, §5.1.1): the only way offered. */
const ADULT_SERVICES = ['sms'] as const;

/**
 * The first step, as the standard window Korean users know: the carrier tiles first (SKT, KT,
 * LG U+, 알뜰폰 → its network), the way to verify, 약관 전체 동의 with each [필수] item and 보기,
 * then 이름 / 생년월일 + 주민등록번호 뒷자리 첫 숫자 / 휴대폰 번호, and 인증 요청. The purpose
 * (usageCode) is the service's, set by the page; the person never picks it.
 */
export default function FormStep({ flow }: { flow: MobileOkFlow }) {
  const {
    state,
    fieldError,
    update,
    touch,
    chooseService,
    chooseTile,
    setGenderDigit,
    setConsent,
    submitForm,
  } = flow;
  const { service, form, busy, tile, consents, genderDigit } = state;
  const info = MOK_SERVICES[service];
  const allAgreed = MOK_CONSENTS.every((c) => consents[c.id]);
  const carrierError = fieldError('carrier');
  const consentError = fieldError('consent');
  return (
    <form onSubmit={(event) => void submitForm(event)} noValidate>
      {info.carrier && (
        <fieldset className="tiles-group" aria-describedby="mok-carrier-error">
          <legend>통신사</legend>
          <div className="tiles">
            {CARRIER_TILES.map((t, i) => (
              <label key={t.id} className={t.id === tile ? 'tile checked' : 'tile'}>
                <input
                  type="radio"
                  name="carrierTile"
                  id={i === 0 ? 'mok-carrier' : undefined}
                  value={t.id}
                  checked={t.id === tile}
                  onChange={() => chooseTile(t.id)}
                  aria-invalid={carrierError !== undefined}
                />
                {t.label}
              </label>
            ))}
          </div>
          {tile === 'MVNO' && (
            <fieldset className="tiles-group mvno">
              <legend>알뜰폰 통신망</legend>
              <div className="tiles three">
                {MVNO_NETWORKS.map((n) => (
                  <label key={n.id} className={n.id === form.carrier ? 'tile checked' : 'tile'}>
                    <input
                      type="radio"
                      name="carrier"
                      value={n.id}
                      checked={n.id === form.carrier}
                      onChange={() => update('carrier', n.id)}
                    />
                    {n.label}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <p id="mok-carrier-error" className="field-error" data-testid="mok-carrier-error">
            {carrierError}
          </p>
        </fieldset>
      )}

      <fieldset className="services">
        <legend>인증 방법</legend>
        {(state.purpose === 'adult' ? ADULT_SERVICES : MOK_SERVICE_IDS).map((id) => (
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

      <fieldset className="consents" aria-describedby="mok-consent-error">
        <legend>약관 동의</legend>
        <label className="consent all">
          <input
            type="checkbox"
            id="mok-consent"
            name="agreeAll"
            checked={allAgreed}
            onChange={(e) => setConsent('all', e.target.checked)}
            aria-invalid={consentError !== undefined}
          />
          약관 전체 동의
        </label>
        <ul>
          {MOK_CONSENTS.map((c) => (
            <li key={c.id}>
              <div className="consent-row">
                <label className="consent">
                  <input
                    type="checkbox"
                    name={`agree-${c.id}`}
                    checked={consents[c.id]}
                    onChange={(e) => setConsent(c.id, e.target.checked)}
                  />
                  <span>
                    <span className="required">[필수]</span> {c.label}
                  </span>
                </label>
              </div>
              <details>
                <summary aria-label={`${c.label} 보기`}>보기</summary>
                <p>{c.body}</p>
              </details>
            </li>
          ))}
        </ul>
        <p id="mok-consent-error" className="field-error">
          {consentError}
        </p>
      </fieldset>

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

      {info.birthday !== 'none' && (
        <div className="birth">
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
          {info.genderNation && (
            <Field
              id="mok-genderDigit"
              label="주민등록번호 뒷자리 첫 숫자"
              hint="성별 숫자 1자리 (예: 1, 2, 3, 4)"
              error={fieldError('genderDigit')}
            >
              <span className="digit">
                <input
                  id="mok-genderDigit"
                  name="genderDigit"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={1}
                  value={genderDigit}
                  onChange={(e) => setGenderDigit(e.target.value)}
                  onBlur={() => touch('genderDigit')}
                  aria-invalid={fieldError('genderDigit') !== undefined}
                  aria-describedby="mok-genderDigit-hint mok-genderDigit-error"
                />
                <span aria-hidden="true">●●●●●●</span>
              </span>
            </Field>
          )}
        </div>
      )}

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

      <button type="submit" className="primary" disabled={busy} data-testid="mok-submit">
        {busy ? '요청 중…' : '인증 요청'}
      </button>
    </form>
  );
}
