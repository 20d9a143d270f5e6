#!/usr/bin/env node
// After `next build` of a remote: publish the build as a versioned release (see src/publish.ts).
// MFV_RELEASES_KEEP: how many releases the remote keeps serving (default 5).
import { readReleaseToolsEnv } from '../dist/env.js';
import { publishRelease } from '../dist/publish.js';

try {
  const { keep } = readReleaseToolsEnv();
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
