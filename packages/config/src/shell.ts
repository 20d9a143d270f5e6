import { z } from 'zod';
import { fields } from './load.js';

/**
 * The shell's own settings. Topology (ports, hosts of the remotes) is read by
 * @mfv/topology's readTopologyEnv; this schema holds what only the shell decides.
 */
export const shellEnvSchema = z.object({
  /** Serve /baseline, the monolith page `pnpm bench:ssr` compares the federated home with. */
  MFV_BENCH_BASELINE: fields.boolean(false),
  /** The remote pins' file mirror, read when Redis cannot answer (`pnpm remote:pin`). */
  MFV_REMOTE_PINS_FILE: z.string().min(1).optional(),
});

export type ShellEnv = z.infer<typeof shellEnvSchema>;
