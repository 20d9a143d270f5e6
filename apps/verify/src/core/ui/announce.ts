import { useEffect, type RefObject } from 'react';
import { announceVerificationChanged } from '@mfv/ui/live-verification';

/**
 * Announces a new verification result (`@mfv/ui/live-verification`) when the flow rendered inside
 * `root` reaches `phase`: a flow marks its step on its root element as `data-phase` (the mobile-ok
 * window does), so the page hosting it can tell the rest of the site without reaching into the
 * flow's state. Once per arrival at the phase.
 */
export function useAnnounceOnPhase(root: RefObject<HTMLElement | null>, phase: string): void {
  useEffect(() => {
    const element = root.current;
    if (element === null) return undefined;
    let announced = false;
    const check = () => {
      const reached = element.querySelector(`[data-phase="${phase}"]`) !== null;
      if (reached && !announced) announceVerificationChanged();
      announced = reached;
    };
    check();
    const observer = new MutationObserver(check);
    observer.observe(element, { attributes: true, attributeFilter: ['data-phase'], subtree: true });
    return () => observer.disconnect();
  }, [root, phase]);
}
