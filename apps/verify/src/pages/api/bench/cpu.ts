import type { NextApiRequest, NextApiResponse } from 'next';
import { verifyEnv } from '../../../core/env';

/**
 * `pnpm bench:mok` only (404 unless MFV_BENCH_ROUTES=true): this server process's CPU time so far
 * (`process.cpuUsage()`, user + system, microseconds). The benchmark reads it before and after a
 * run of flows and divides the difference by the number of flows.
 */
export default function benchCpu(_req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('Cache-Control', 'no-store');
  if (!verifyEnv().MFV_BENCH_ROUTES) {
    res.status(404).json({ code: 'NOT_FOUND', message: 'Not found.' });
    return;
  }
  const { user, system } = process.cpuUsage();
  res.status(200).json({ pid: process.pid, userMicros: user, systemMicros: system });
}

// Next's body parser is off: bodies are read by @mfv/auth readJsonBody (JSON errors as {code, message}).
export const config = { api: { bodyParser: false } };
