import { z } from 'zod';

/**
 *   MFV_PROVIDERS   sandbox | live — who plays the identity providers (Kakao, Toss, mobile-ok, KCB,
 *                   SSAFY Verify). Default: live when NODE_ENV=production, sandbox otherwise.
 *
 * `sandbox` is the explicit switch for a production build that talks to apps/sandbox (`pnpm start`,
 * the compose stack): plain-http provider hosts on any host name, and the sandbox's published
 * development secrets where none is configured. Nobody is really identified in this mode. `live`
 * keeps every production check: https provider hosts, configured secrets, never a published one.
 * Every schema that checks provider settings reads the mode from here.
 */
export const PROVIDERS_MODES = ['sandbox', 'live'] as const;
export type ProvidersMode = (typeof PROVIDERS_MODES)[number];

export const providersModeField = () =>
  z.enum(PROVIDERS_MODES, { message: `must be one of ${PROVIDERS_MODES.join(', ')}` }).optional();

export function providersMode(env: {
  NODE_ENV?: string;
  MFV_PROVIDERS?: ProvidersMode | undefined;
}): ProvidersMode {
  return env.MFV_PROVIDERS ?? (env.NODE_ENV === 'production' ? 'live' : 'sandbox');
}
