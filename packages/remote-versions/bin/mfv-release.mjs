#!/usr/bin/env node
// After `next build` of a remote: publish the build as a versioned release (see src/publish.ts).
// MFV_RELEASES_KEEP: how many releases the remote keeps serving (default 5).
import { publishRelease } from '../dist/publish.js';

const keepRaw = process.env.MFV_RELEASES_KEEP;
const keep = keepRaw ? Number(keepRaw) : undefined;
if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) {
  console.error(`MFV_RELEASES_KEEP must be a whole number ≥ 1, got "${keepRaw}"`);
  process.exit(2);
}
try {
  const { manifest, dropped } = publishRelease(process.cwd(), { keep });
  console.log(
    `release ${manifest.remote}@${manifest.release} published (exposes ${manifest.exposes.join(', ')}; ` +
      `react ${manifest.shared.react?.version ?? '-'})` +
      (dropped.length ? `; dropped ${dropped.join(', ')}` : ''),
  );
} catch (error) {
  console.error(`mfv-release: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
