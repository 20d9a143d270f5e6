import { useEffect, useState } from 'react';
import type { VerificationStatusView } from './verification.js';

/**
 * The member's verification status, kept live in every open page: the user menu (user remote), 내
 * 정보 (user remote) and /verification (verify remote in the shell) are separate bundles, often in
 * other tabs or windows than the flow that verifies. A flow that has stored a result announces it
 * (`announceVerificationChanged`); every listener then reads the status again from the server
 * (GET /verify/api/verification/status) — the announcement itself carries nothing about anyone.
 *
 * One BroadcastChannel (HTML Living Standard, "Broadcasting to other browsing contexts") reaches
 * every listener of this origin — on this page, in other tabs and windows (a popup, the verify page
 * opened next to the shell): a message goes to every channel object of the name but the one that
 * sent it, and each announcement sends from a channel object of its own.
 */
export const VERIFICATION_CHANNEL = 'mfv:verification';
/** The verify remote's browser route for the signed-in member's status (no-store, masked fields only). */
export const VERIFICATION_STATUS_URL = '/verify/api/verification/status';

/** Tells this page and every other page of the site that the member's verification changed. */
export function announceVerificationChanged(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(VERIFICATION_CHANNEL);
  channel.postMessage({ type: 'changed' });
  channel.close();
}

/** Calls `onChange` whenever some page announces a change; returns the cleanup. */
export function watchVerificationChanges(onChange: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(VERIFICATION_CHANNEL);
  channel.addEventListener('message', onChange);
  return () => channel.close();
}

/** A status answer is used only if it has exactly the shape the pages show. */
export function isVerificationStatusView(value: unknown): value is VerificationStatusView {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (v.verified === false) return true;
  return (
    v.verified === true &&
    (v.kind === 'phone-identity' || v.kind === 'phone-possession' || v.kind === 'ssafy') &&
    typeof v.verifiedAt === 'string' &&
    (v.maskedName === undefined || typeof v.maskedName === 'string')
  );
}

/** The member's status from the server; null when it could not be read (signed out, offline). */
export async function fetchVerificationStatus(): Promise<VerificationStatusView | null> {
  try {
    const res = await fetch(VERIFICATION_STATUS_URL, { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) return null;
    const body: unknown = await res.json();
    return isVerificationStatusView(body) ? body : null;
  } catch {
    return null;
  }
}

/**
 * The status a page was server-rendered with (read once, on mount), replaced by a fresh read from the server each time
 * a verification is announced. A failed read keeps what is shown. `enabled` false (signed out):
 * nothing is read.
 */
export function useLiveVerification<T extends VerificationStatusView | null>(
  initial: T,
  enabled = true,
): T | VerificationStatusView {
  const [status, setStatus] = useState<T | VerificationStatusView>(initial);
  useEffect(() => {
    if (!enabled) return undefined;
    let alive = true;
    const stop = watchVerificationChanges(() => {
      void fetchVerificationStatus().then((fresh) => {
        if (alive && fresh !== null) setStatus(fresh);
      });
    });
    return () => {
      alive = false;
      stop();
    };
  }, [enabled]);
  return status;
}
