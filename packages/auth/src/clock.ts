/**
 * Wall-clock milliseconds for the request hot path. Next (15+) wraps `Date.now` in every server
 * process to detect clock reads during prerendering (an AsyncLocalStorage lookup per call), which
 * showed up in the withAuth profile; `performance.now()` is not wrapped. The wall clock is read
 * again at most every second and the monotonic clock fills in between, so a clock step is seen
 * within a second and the drift in between is microseconds: exact enough for `exp` checks made
 * with seconds of tolerance.
 */
const REANCHOR_MS = 1_000;
let wallAnchor = Date.now();
let monoAnchor = performance.now();

export function nowMs(): number {
  const mono = performance.now();
  if (mono - monoAnchor >= REANCHOR_MS) {
    wallAnchor = Date.now();
    monoAnchor = mono;
    return wallAnchor;
  }
  return wallAnchor + (mono - monoAnchor);
}
