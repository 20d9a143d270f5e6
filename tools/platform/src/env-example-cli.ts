/**
 * `pnpm env:example` writes .env.example from the schemas and compose files;
 * `pnpm env:example --check` only says whether it is up to date (exit 1 when not).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ENV_EXAMPLE, renderEnvExample } from './env-example.js';

try {
  const text = renderEnvExample();
  if (process.argv.includes('--check')) {
    const current = existsSync(ENV_EXAMPLE) ? readFileSync(ENV_EXAMPLE, 'utf8') : '';
    if (current !== text) {
      process.stderr.write('.env.example is out of date: run `pnpm env:example`\n');
      process.exit(1);
    }
    process.stdout.write('.env.example is up to date\n');
  } else {
    writeFileSync(ENV_EXAMPLE, text);
    process.stdout.write(`wrote ${ENV_EXAMPLE}\n`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
