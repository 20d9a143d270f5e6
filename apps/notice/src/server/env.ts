import { loadConfig, noticeEnvSchema, type NoticeEnv } from '@mfv/config';

let cached: NoticeEnv | undefined;

/** Read on first use (never at import: `next build` imports every route). */
export function noticeEnv(): NoticeEnv {
  return (cached ??= loadConfig('notice', noticeEnvSchema));
}
