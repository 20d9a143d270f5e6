import { Component, Suspense, lazy, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { loadRemoteComponent, loadedComponent } from './load';
import type { RemoteModuleId, RemoteProps, RemoteStatus } from './modules';
import type { AnyComponent } from './load';
import { SlotFallback, SlotLoading } from './SlotFallback';

/** Client retry schedule after a remote failed: 1 s, 2 s, 4 s … capped. */
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 15_000;

export function retryDelay(attempt: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt);
}

/** One React.lazy per module and release in the browser; dropped after a failure so a retry starts fresh. */
const lazyCache = new Map<string, AnyComponent>();

function lazyRemote(id: RemoteModuleId, release: string | null): AnyComponent {
  const key = `${id}@${release ?? ''}`;
  let cached = lazyCache.get(key);
  if (!cached) {
    cached = lazy(() =>
      loadRemoteComponent(id, release).then(
        (component) => ({ default: component }),
        (error: unknown) => {
          lazyCache.delete(key);
          throw error;
        },
      ),
    );
    lazyCache.set(key, cached);
  }
  return cached;
}

class SlotErrorBoundary extends Component<{ onError: () => void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch() {
    this.props.onError();
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

export interface RemoteSlotProps<Id extends RemoteModuleId> {
  id: Id;
  /** What the server found for this request (from getServerSideProps): rendered from which release, or down. */
  status: RemoteStatus | undefined;
  props: RemoteProps<Id>;
  label: string;
  variant: 'inline' | 'block';
}

/**
 * A place on a shell page filled by a federated component.
 *
 * The server names the release of the remote it rendered (`data-remote-release`, and the page
 * props); the browser loads exactly that release's entry and chunks (immutable, versioned URLs),
 * so what hydrates is what was rendered, whatever was deployed in between.
 *
 * The server renders the component when it could load it (status 'ok') and a fallback
 * otherwise; the browser starts from the same state, so hydration matches. A slot in
 * fallback retries in the background (backoff, plus at once when the tab regains focus or
 * the network returns) and swaps the component in when its remote is back. A component
 * that fails in the browser falls back the same way.
 */
export function RemoteSlot<Id extends RemoteModuleId>({
  id,
  status,
  props,
  label,
  variant,
}: RemoteSlotProps<Id>) {
  const [mode, setMode] = useState<'ok' | 'down'>(status?.state === 'ok' ? 'ok' : 'down');
  // A slot that comes back after a failure loads the release of the page's render, else the latest
  // one the remote publishes (unversioned entry).
  const release = status?.state === 'ok' ? status.release : null;
  const [retrying, setRetrying] = useState(false);
  const attempt = useRef(0);

  const retry = useCallback(() => {
    setRetrying(true);
    loadRemoteComponent(id, release).then(
      () => {
        attempt.current = 0;
        setRetrying(false);
        setMode('ok');
      },
      () => {
        attempt.current += 1;
        setRetrying(false);
      },
    );
  }, [id, release]);

  // A release the shell refused (incompatible) is not loaded here either: no retries.
  const refused = status?.state === 'refused';

  useEffect(() => {
    if (mode !== 'down' || retrying || refused) return;
    const timer = setTimeout(retry, retryDelay(attempt.current));
    const now = () => {
      if (document.visibilityState === 'visible') retry();
    };
    window.addEventListener('online', now);
    document.addEventListener('visibilitychange', now);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('online', now);
      document.removeEventListener('visibilitychange', now);
    };
  }, [mode, retrying, retry, refused]);

  const onError = useCallback(() => setMode('down'), []);

  let content: ReactNode;
  if (mode === 'down') {
    content = (
      <SlotFallback label={label} variant={variant} onRetry={retrying || refused ? undefined : retry} />
    );
  } else {
    // The server renders the component it loaded (never suspends), so it needs no fallback: a
    // fallback there is only work (React prepares one for every larger boundary, on every
    // request). The browser shows one while it fetches a release it has not loaded yet; a
    // fallback is never compared during hydration.
    const fallback = typeof window === 'undefined' ? null : <SlotLoading variant={variant} />;
    const Remote =
      typeof window === 'undefined'
        ? (loadedComponent(id, release) as AnyComponent)
        : (loadedComponent(id, release) ?? lazyRemote(id, release));
    content = (
      <SlotErrorBoundary onError={onError}>
        <Suspense fallback={fallback}>
          <Remote {...(props as Record<string, unknown>)} />
        </Suspense>
      </SlotErrorBoundary>
    );
  }
  return (
    <div
      className={`remote-slot ${variant}`}
      data-remote-slot={id}
      data-state={mode}
      data-remote-release={mode === 'ok' ? (release ?? 'unversioned') : undefined}
    >
      {content}
    </div>
  );
}
