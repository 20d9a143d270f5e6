import { readFileSync } from 'node:fs';

/** Parent, grandparent, … (Linux /proc; elsewhere only the direct parent), stopping at init. */
function ancestors(depth: number): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < depth) {
    chain.push(pid);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Field 4 is the parent pid; the command name (field 2) may contain spaces, so split after ')'.
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  return chain;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Calls `onOrphaned` when a process that started us goes away. `kill <pid of pnpm start>`
 * ends pnpm without forwarding the signal; without this watch the apps would keep running.
 */
export function watchForOrphaning(onOrphaned: () => void, depth = 3, intervalMs = 500): () => void {
  const watched = ancestors(depth);
  const timer = setInterval(() => {
    if (watched.some((pid) => !alive(pid))) {
      clearInterval(timer);
      onOrphaned();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
