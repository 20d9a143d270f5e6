/** `pnpm --filter @mfv/platform check:boundaries`: prints boundary violations, exits 1 on any. */
import { REPO_ROOT } from '@mfv/site';
import { dependencyViolations, readWorkspace, testkitImportViolations } from './package-boundaries.js';

const workspace = readWorkspace(REPO_ROOT);
const violations = [...dependencyViolations(workspace), ...testkitImportViolations(REPO_ROOT, workspace)];
for (const violation of violations) process.stderr.write(`✗ ${violation}\n`);
if (violations.length === 0) process.stdout.write(`✓ ${workspace.length} packages keep their boundaries\n`);
process.exitCode = violations.length === 0 ? 0 : 1;
