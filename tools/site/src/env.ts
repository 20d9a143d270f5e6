/** An environment for a child process (plain strings; no framework's typing of NODE_ENV). */
export type Env = Record<string, string | undefined>;

/**
 * The site runner starts every app as a child process; children inherit the runner's
 * environment (REDIS_URL, ports …) and validate it themselves in their own env.ts.
 */
export function inheritedEnv(): Env {
  return { ...process.env };
}
