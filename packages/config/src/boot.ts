import type { z } from 'zod';
import { ConfigError, loadConfig } from './load.js';
import { PROVIDERS_MODES, providersMode, type ProvidersMode } from './providers.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The boot check of an app that talks to providers (verify, user). Apps read their env schemas on
 * first use, so a live deployment left with sandbox values (live-providers.ts) would start and
 * fail on the first provider call. In live mode (MFV_PROVIDERS=live, the default with
 * NODE_ENV=production) this reads every schema at once and throws ONE ConfigError naming every
 * variable of every schema (a variable two schemas refuse the same way is named once). In sandbox
 * mode it does nothing: the schemas stay lazy, as `next build` and the sandbox need.
 */
// eslint-disable-next-line no-restricted-properties -- reads the environment loadConfig reads, through loadConfig
export function checkLiveConfig(app: string, schemas: readonly z.ZodType[], env: Env = process.env): void {
  const mode = rawMode(env);
  if (mode !== 'live') return;
  const problems: { variable: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const schema of schemas) {
    try {
      loadConfig(app, schema, env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const problem of error.problems) {
        const key = `${problem.variable}\n${problem.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push(problem);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(app, problems);
}

/** The providers mode as the schemas will read it; an invalid MFV_PROVIDERS counts as live (checked). */
function rawMode(env: Env): ProvidersMode {
  const raw = env.MFV_PROVIDERS === '' ? undefined : env.MFV_PROVIDERS;
  if (raw !== undefined && !(PROVIDERS_MODES as readonly string[]).includes(raw)) return 'live';
  return providersMode({
    ...(env.NODE_ENV !== undefined ? { NODE_ENV: env.NODE_ENV } : {}),
    MFV_PROVIDERS: raw as ProvidersMode | undefined,
  });
}
