import { z } from 'zod';

/** Thrown at boot (and at build) when the environment does not satisfy an app's schema. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly app: string,
    readonly problems: readonly { variable: string; message: string }[],
  ) {
    super(
      `${app}: invalid configuration\n` + problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses `env` with an app's schema. Empty strings count as unset, so `FOO=` in a .env file
 * falls back to the default instead of failing a format check. Never echoes values: a
 * message names the variable and what was expected, because values may be secrets.
 */
// eslint-disable-next-line no-restricted-properties -- the one loader through which env.ts files read the environment
export function loadConfig<S extends z.ZodType>(app: string, schema: S, env: Env = process.env): z.infer<S> {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    app,
    result.error.issues.map((issue) => ({
      variable: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    })),
  );
}

/** Shared field helpers, so every schema says "port" or "URL" the same way. */
export const fields = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback),
  url: () => z.url({ message: 'must be an absolute URL' }),
  durationMs: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
};
