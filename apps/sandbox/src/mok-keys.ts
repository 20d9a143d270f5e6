/**
 * `pnpm --filter @mfv/sandbox mok:keys`: generates the mobile-ok dev keys if they are absent (the
 * server does the same at startup), or checks the existing ones, and prints where they are.
 * Reads the same SANDBOX_MOK_* variables as the server. Never prints the password or a key.
 */
import { ConfigError } from '@mfv/config';
import { loadSandboxEnv, sandboxOptionsFromEnv } from './env.js';
import { ensureMokDevKeys } from './providers/mobile-ok/keys.js';

async function main(): Promise<void> {
  const env = loadSandboxEnv();
  const mobileOk = sandboxOptionsFromEnv(env).mobileOk;
  if (mobileOk === undefined || !('dir' in mobileOk.keys))
    throw new Error('mobile-ok key files are not configured');
  const keys = await ensureMokDevKeys({
    dir: mobileOk.keys.dir,
    password: mobileOk.keys.password,
    serviceId: mobileOk.serviceId,
  });
  process.stdout.write(
    `${JSON.stringify({
      msg: keys.created
        ? 'mobile-ok dev keys generated'
        : 'mobile-ok dev keys already present and consistent',
      keyFile: keys.keyFile,
      sandboxKeysFile: keys.sandboxKeysFile,
      serviceId: mobileOk.serviceId,
      password: 'SANDBOX_MOK_KEYFILE_PASSWORD (see docs/sandbox.md, "Dev keys and password")',
    })}\n`,
  );
}

main().catch((err: unknown) => {
  const msg = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
  process.stderr.write(`${JSON.stringify({ level: 60, time: Date.now(), msg })}\n`);
  process.exitCode = 1;
});
