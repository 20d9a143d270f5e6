import { execFile } from 'node:child_process';

export const REDIS_CLI_BIN = '/usr/bin/redis-cli';

/** Runs redis-cli with a deadline; rejects on a non-zero exit. */
export function runCli(args: string[], timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(REDIS_CLI_BIN, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`redis-cli ${args.slice(0, 3).join(' ')} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}
