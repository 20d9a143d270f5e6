import { createAppClient } from '@mfv/auth/client';
import { useState } from 'react';

const client = createAppClient('/user');

/** Sign out here, or everywhere; then reload so every slot of the page sees the new state. */
export function useSignOut() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function signOutAndReload(everywhere: boolean) {
    setBusy(true);
    setError(null);
    try {
      await client.json(everywhere ? '/api/logout-all' : '/api/logout', { method: 'POST' });
      window.location.assign('/');
    } catch {
      setError('로그아웃하지 못했어요. 잠시 후 다시 시도해 주세요.');
      setBusy(false);
    }
  }
  // For click handlers: every failure is shown through `error`, so nothing is left to await.
  const signOut = (everywhere: boolean): void => void signOutAndReload(everywhere);
  return { busy, error, signOut };
}
