import type { ReleaseManifest } from './manifest.js';

/** What the shell requires of a remote release before it renders it. */
export interface HostRequirements {
  /** Shared singletons the host provides, by package name → the host's version (`react` → 19.2.0). */
  singletons: Record<string, string>;
  /** Modules the host renders from this remote (`NoticeList`). */
  exposes: readonly string[];
}

export type Compatibility = { ok: true } | { ok: false; reason: string };

function major(version: string): number | null {
  const m = /^\D*(\d+)\./.exec(version) ?? /^\D*(\d+)$/.exec(version);
  return m ? Number(m[1]) : null;
}

/**
 * A release is compatible when every singleton the host shares has the same major version in the
 * remote's build (two React majors cannot share one tree), and it still exposes every module the
 * host renders. Anything else is refused with one line saying why.
 */
export function checkCompatibility(manifest: ReleaseManifest, host: HostRequirements): Compatibility {
  const reasons: string[] = [];
  for (const [name, hostVersion] of Object.entries(host.singletons)) {
    const built = manifest.shared[name];
    if (!built) continue; // the remote does not use it: nothing to share
    const [a, b] = [major(built.version), major(hostVersion)];
    if (a === null || b === null || a !== b) {
      reasons.push(`${name} ${built.version} (host ${hostVersion})`);
    }
  }
  const missing = host.exposes.filter((e) => !manifest.exposes.includes(e));
  if (missing.length) reasons.push(`missing expose ${missing.join(', ')}`);
  return reasons.length
    ? { ok: false, reason: `release ${manifest.release} of ${manifest.remote}: ${reasons.join('; ')}` }
    : { ok: true };
}
