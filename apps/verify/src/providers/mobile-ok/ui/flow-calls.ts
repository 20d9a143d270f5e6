/**
 * The mobile-ok flow's calls to this remote's own API (`/verify/api/mok/…`, then the result behind
 * the one-time ticket), each told to the reducer (./flow-reducer.ts). PASS and ARS are confirmed
 * when the person says they are done (the guide's samples confirm on a click), never by polling.
 */
import { ApiCallError, createAppClient } from '@mfv/auth/client';
import { announceVerificationChanged } from '@mfv/ui/live-verification';
import { useCallback, type Dispatch, type FormEvent } from 'react';
import type { VerificationResultView, VerifyErrorBody } from '../../../core/responses';
import {
  normalizeMokForm,
  validateAuthNumber,
  type MokConfirmResponse,
  type MokRequestResponse,
  type MokStartResponse,
} from '../rules';
import { FIELD_ORDER, formErrors, type Action, type FlowState } from './flow-state';
import { fixInPlace } from './standard-window';

const client = createAppClient('/verify');

export function useFlowCalls(state: FlowState, dispatch: Dispatch<Action>) {
  const { service, code } = state;

  const showResult = useCallback(
    async (ticket: string) => {
      const result = await client.json<VerificationResultView>('/api/verification/result', {
        method: 'POST',
        body: { ticket },
      });
      dispatch({ type: 'done', result });
      // The result is stored: every open page of the site shows the new status.
      announceVerificationChanged();
    },
    [dispatch],
  );

  /** confirm/request; true when the flow is over (verified or failed), false while pending. */
  const confirm = useCallback(
    async (authNumber?: string): Promise<boolean> => {
      try {
        const answer = await client.json<MokConfirmResponse>('/api/mok/confirm', {
          method: 'POST',
          body: authNumber === undefined ? {} : { authNumber },
        });
        if (answer.status === 'pending') {
          const left = answer.attemptsLeft > 0 ? ` 앞으로 ${answer.attemptsLeft}번 더 확인할 수 있어요.` : '';
          dispatch({ type: 'set', patch: { alert: `${answer.message}${left}` } });
          return false;
        }
        await showResult(answer.ticket);
        return true;
      } catch (error) {
        dispatch({ type: 'error', error });
        // Waiting goes on through a dropped connection or a busy moment; any other answer ends it.
        return !(error instanceof ApiCallError) || error.code === 'MOK_TX_BUSY' ? false : true;
      }
    },
    [showResult, dispatch],
  );

  async function submitForm(event: FormEvent) {
    event.preventDefault();
    dispatch({ type: 'set', patch: { submitted: true, alert: null, serverErrors: {} } });
    const errors = formErrors(state);
    const first = FIELD_ORDER.find((field) => errors[field] !== undefined);
    if (first !== undefined) {
      document.getElementById(`mok-${first}`)?.focus();
      return;
    }
    dispatch({ type: 'set', patch: { busy: true, status: '인증을 요청하고 있어요…' } });
    try {
      const started = await client.json<MokStartResponse>('/api/mok/start', {
        method: 'POST',
        body: { service },
      });
      const requested = await client.json<MokRequestResponse>('/api/mok/request', {
        method: 'POST',
        body: normalizeMokForm(service, state.form),
      });
      dispatch({ type: 'requested', expiresAt: Date.parse(started.expiresAt), now: Date.now(), requested });
    } catch (error) {
      dispatch({ type: 'set', patch: { status: '' } });
      dispatch({ type: 'error', error });
      const fix =
        error instanceof ApiCallError
          ? fixInPlace((error.body as Partial<VerifyErrorBody>).resultCode)
          : null;
      const marked = fix === null ? undefined : FIELD_ORDER.find((field) => field in fix);
      if (marked !== undefined) window.setTimeout(() => document.getElementById(`mok-${marked}`)?.focus(), 0);
    } finally {
      dispatch({ type: 'set', patch: { busy: false } });
    }
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    const problem = validateAuthNumber(service, code);
    dispatch({ type: 'set', patch: { alert: null, codeError: problem ?? null } });
    if (problem !== undefined) {
      document.getElementById('mok-authNumber')?.focus();
      return;
    }
    dispatch({ type: 'set', patch: { busy: true, status: '인증번호를 확인하고 있어요…' } });
    await confirm(code.trim());
    // Whatever the answer, "확인하고 있어요" is over (an error is at the field, a result replaces the step).
    dispatch({ type: 'set', patch: { busy: false, status: '' } });
  }

  async function resend() {
    dispatch({ type: 'set', patch: { alert: null, busy: true } });
    try {
      const answer = await client.json<{ resendRemaining: number | null }>('/api/mok/resend', {
        method: 'POST',
      });
      dispatch({ type: 'resent', resendRemaining: answer.resendRemaining });
    } catch (error) {
      dispatch({ type: 'error', error });
    } finally {
      dispatch({ type: 'set', patch: { busy: false } });
    }
  }

  /** PASS: the person says they approved in the app; one confirm request. */
  async function checkApproval() {
    dispatch({ type: 'set', patch: { alert: null, busy: true, status: '승인 여부를 확인하고 있어요…' } });
    await confirm();
    dispatch({ type: 'set', patch: { busy: false, status: '' } });
  }

  /** ARS: the person says they keyed the number in during the call; one confirm request. */
  async function checkCall() {
    dispatch({
      type: 'set',
      patch: { alert: null, busy: true, status: '전화 인증 결과를 확인하고 있어요…' },
    });
    await confirm();
    dispatch({ type: 'set', patch: { busy: false, status: '' } });
  }

  async function call() {
    dispatch({ type: 'set', patch: { alert: null, busy: true } });
    try {
      await client.json('/api/mok/call', { method: 'POST' });
      dispatch({ type: 'calling' });
    } catch (error) {
      dispatch({ type: 'error', error });
    } finally {
      dispatch({ type: 'set', patch: { busy: false } });
    }
  }

  return { submitForm, submitCode, resend, call, checkApproval, checkCall };
}
