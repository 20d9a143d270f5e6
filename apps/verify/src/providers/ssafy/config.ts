import type { VerificationEnv, VerifyEnv } from '@mfv/config';
import { verificationEnv, verifyEnv } from '../../core/env';
import type { SsafyPublicConfig } from './rules';

/**
 * What the SSAFY pages hand the browser: public values only (never the client secret). The SDK
 * script is SSAFY_SDK_URL, else `<issuer>/sdk/ssafy-verify.js` (the SSAFY Verify guide: the hosted SDK).
 */
export function ssafyPublicConfig(
  verification: VerificationEnv = verificationEnv(),
  verify: VerifyEnv = verifyEnv(),
): SsafyPublicConfig {
  return {
    sdkUrl: verify.SSAFY_SDK_URL ?? `${verification.SSAFY_ISSUER}/sdk/ssafy-verify.js`,
    issuer: verification.SSAFY_ISSUER,
    clientId: verification.SSAFY_CLIENT_ID,
    redirectUri: verification.SSAFY_REDIRECT_URI,
    scopes: [...verification.SSAFY_SCOPES],
  };
}
