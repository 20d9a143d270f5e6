/**
 * The mobile-ok flow's two clocks: the transaction's 10 minutes (mobile-ok 본인확인-API 가이드 §4),
 * shown while a step waits for the person and ending the flow when over, and the code's 3 minutes
 * (§8 6024), said at the field when over; every re-send starts them again (./flow-reducer.ts).
 */
import { useEffect, type Dispatch } from 'react';
import { EXPIRED_MESSAGE, type Action, type FlowState } from './flow-state';
import { CODE_EXPIRED_MESSAGE } from './standard-window';

export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function useFlowClocks(state: FlowState, dispatch: Dispatch<Action>) {
  const { expiresAt, codeExpiresAt, now } = state;

  // The 10 minutes of the transaction, shown while a step waits for the person.
  useEffect(() => {
    if (expiresAt === null) return;
    const timer = setInterval(() => dispatch({ type: 'set', patch: { now: Date.now() } }), 1000);
    return () => clearInterval(timer);
  }, [expiresAt, dispatch]);
  useEffect(() => {
    if (expiresAt !== null && now >= expiresAt)
      dispatch({ type: 'fail', message: EXPIRED_MESSAGE, code: 'EXPIRED' });
  }, [now, expiresAt, dispatch]);
  // The code's 3 minutes are over: said at the field; a re-send starts them again.
  const codeExpired = codeExpiresAt !== null && now >= codeExpiresAt;
  useEffect(() => {
    if (codeExpired) dispatch({ type: 'set', patch: { codeError: CODE_EXPIRED_MESSAGE, status: '' } });
  }, [codeExpired, dispatch]);

  return {
    /** The countdown ("m:ss") while the transaction runs. */
    left: expiresAt === null ? null : formatLeft(expiresAt - now),
    /** The code's countdown ("m:ss", from 3:00), while a code can be typed in. */
    codeLeft: codeExpiresAt === null ? null : formatLeft(codeExpiresAt - now),
    codeExpired,
  };
}
