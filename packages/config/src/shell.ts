import { z } from 'zod';
import { fields } from './load.js';

/**
 * The shell's own settings. Topology (ports, hosts of the remotes) is read by
 * @mfv/topology's readTopologyEnv; this schema holds what only the shell decides.
 */
export const shellEnvSchema = z.object({
  /** Serve /baseline, the monolith page `pnpm bench:ssr` compares the federated home with. */
  MFV_BENCH_BASELINE: fields.boolean(false),
});

export type ShellEnv = z.infer<typeof shellEnvSchema>;
