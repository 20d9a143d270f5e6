/**
 * The site runner starts every app as a child process; children inherit the runner's
 * environment (REDIS_URL, ports …) and validate it themselves in their own env.ts.
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}
