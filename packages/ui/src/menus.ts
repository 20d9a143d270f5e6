/**
 * Header pop-ups from different remotes (the notice bell, the user menu) are separate bundles on
 * one page: they agree on "one open at a time" through a window event, not shared module state.
 */
export const MENU_OPEN_EVENT = 'mfv:menu-open';

/** Tells every other pop-up on the page that `id` opened (they close). */
export function announceMenuOpen(id: string): void {
  if (typeof window === 'undefined') return;
  window.dispatchEvent(new CustomEvent<string>(MENU_OPEN_EVENT, { detail: id }));
}

/**
 * While a pop-up is open: closes it on Escape (focus back to its trigger), on a pointer or focus
 * outside `root`, and when another pop-up announces itself. Returns the cleanup.
 */
export function watchMenuDismiss(
  id: string,
  root: HTMLElement,
  close: (reason: 'escape' | 'outside' | 'other') => void,
): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close('escape');
    }
  };
  const onPointer = (e: Event) => {
    if (e.target instanceof Node && !root.contains(e.target)) close('outside');
  };
  const onOther = (e: Event) => {
    if ((e as CustomEvent<string>).detail !== id) close('other');
  };
  document.addEventListener('keydown', onKey);
  document.addEventListener('pointerdown', onPointer);
  document.addEventListener('focusin', onPointer);
  window.addEventListener(MENU_OPEN_EVENT, onOther);
  return () => {
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('pointerdown', onPointer);
    document.removeEventListener('focusin', onPointer);
    window.removeEventListener(MENU_OPEN_EVENT, onOther);
  };
}

/** Arrow-key movement inside a role="menu" (WAI-ARIA menu pattern): the item index to focus. */
export function nextMenuIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return (current + 1 + count) % count;
    case 'ArrowUp':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
