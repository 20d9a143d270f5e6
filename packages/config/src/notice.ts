import { z } from 'zod';
import { fields } from './load.js';

/** The notice remote's own settings (auth comes from authEnvSchema). */
export const noticeEnvSchema = z.object({
  /** Serve /notice/api/bench/*, the routes `pnpm bench:auth` measures. Off everywhere else. */
  MFV_BENCH_ROUTES: fields.boolean(false),
});

export type NoticeEnv = z.infer<typeof noticeEnvSchema>;
