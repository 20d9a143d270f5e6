/**
 * The mobile-ok flow's state: a reducer over its phases (form → otp | pass | ars → done | failed)
 * and the calls to this remote's own API (`/verify/api/mok/…`, then the result behind the
 * one-time ticket), the transaction's 10 minutes (mobile-ok 본인확인-API 가이드 §4) and the code's
 * 3 minutes (§8 6024), restarted by every re-send. PASS and ARS are confirmed when the person says
 * they are done (the guide's samples confirm on a click), never by polling. A request the person
 * can fix (wrong carrier, name, …) goes back to the form with the field marked; the step a reload
 * interrupts is resumed from sessionStorage (no personal data there: the step, its clocks and
 * counters). The step components only render it.
 */
import { useEffect, useReducer } from 'react';
import type { MokForm, MokServiceId } from '../rules';
import { useFlowCalls } from './flow-calls';
import { useFlowClocks } from './flow-clocks';
import { reducer } from './flow-reducer';
import { formErrors, initialState, type FormField } from './flow-state';
import { saveStep, savedStep } from './saved-step';
import { tileOf, type CarrierTile, type MokConsentId, type MokPurpose } from './standard-window';

export { formatLeft } from './flow-clocks';
export type { FlowState, FormField, Phase } from './flow-state';
export { SAVED_STEP_KEY, type SavedStep } from './saved-step';

export function useMobileOkFlow(initialService: MokServiceId, purpose: MokPurpose) {
  const [state, dispatch] = useReducer(reducer, { service: initialService, purpose }, initialState);
  const { touched, serverErrors, submitted, phase } = state;

  const clientErrors = formErrors(state);
  const fieldError = (field: FormField): string | undefined =>
    serverErrors[field] ?? (touched[field] || submitted ? clientErrors[field] : undefined);

  // A reload in the middle of a step: take it up again (the transaction cookie is still there).
  useEffect(() => {
    const saved = savedStep(initialService, Date.now());
    if (saved !== null) dispatch({ type: 'resume', saved });
  }, [initialService]);
  useEffect(() => {
    if (phase.kind !== 'form') saveStep(state);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- saved when the step or its counters change
  }, [phase, state.expiresAt, state.codeExpiresAt]);

  const clocks = useFlowClocks(state, dispatch);
  const calls = useFlowCalls(state, dispatch);

  return {
    state,
    fieldError,
    ...clocks,
    tileOf,
    chooseService: (next: MokServiceId) => dispatch({ type: 'chooseService', service: next }),
    update: (field: keyof MokForm, value: string) => dispatch({ type: 'update', field, value }),
    chooseTile: (tile: CarrierTile) => dispatch({ type: 'tile', tile }),
    setGenderDigit: (value: string) =>
      dispatch({ type: 'genderDigit', value: value.replace(/\D/g, '').slice(0, 1) }),
    setConsent: (id: MokConsentId | 'all', value: boolean) => dispatch({ type: 'consent', id, value }),
    touch: (field: FormField) => dispatch({ type: 'touch', field }),
    setCode: (value: string) => dispatch({ type: 'set', patch: { code: value, codeError: null } }),
    ...calls,
    restart: () => dispatch({ type: 'restart' }),
  };
}

export type MobileOkFlow = ReturnType<typeof useMobileOkFlow>;
