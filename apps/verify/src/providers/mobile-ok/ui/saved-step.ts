/**
 * The step a reload must not lose: kept in sessionStorage (this tab only) while a step waits for
 * the person, never any personal data — the step, its clocks and counters.
 */
import type { MokServiceId } from '../rules';
import type { FlowState, Phase } from './flow-state';

/** The step a reload must not lose (sessionStorage, this tab only): no personal data. */
export const SAVED_STEP_KEY = 'mfv-mok-step';
export interface SavedStep {
  service: MokServiceId;
  phase: Extract<Phase, { kind: 'otp' | 'pass' | 'ars' }>;
  expiresAt: number;
  codeExpiresAt: number | null;
}
export function saveStep(state: FlowState): void {
  try {
    const { phase } = state;
    if ((phase.kind === 'otp' || phase.kind === 'pass' || phase.kind === 'ars') && state.expiresAt !== null) {
      const saved: SavedStep = {
        service: state.service,
        phase,
        expiresAt: state.expiresAt,
        codeExpiresAt: state.codeExpiresAt,
      };
      window.sessionStorage.setItem(SAVED_STEP_KEY, JSON.stringify(saved));
    } else {
      window.sessionStorage.removeItem(SAVED_STEP_KEY);
    }
  } catch {
    // storage refused (private mode): a reload starts over, as before
  }
}
export function savedStep(service: MokServiceId, now: number): SavedStep | null {
  try {
    const raw = window.sessionStorage.getItem(SAVED_STEP_KEY);
    if (raw === null) return null;
    const saved = JSON.parse(raw) as SavedStep;
    if (saved.service !== service || !(saved.expiresAt > now)) return null;
    return saved;
  } catch {
    return null;
  }
}
