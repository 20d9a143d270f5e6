/**
 * Every POST route of the verify remote by name (what `pages/api/…` serves; tests bind the same
 * definitions to a runtime of their own). Each provider's are in `providers/<provider>/routes.ts`.
 */
import { verificationResult } from './core/result';
import { kcbStart } from './providers/kcb/routes';
import { mokCall, mokConfirm, mokRequest, mokResend, mokStart } from './providers/mobile-ok/routes';
import { ssafyStart, ssafyStartRedirect, ssafyVerifyToken } from './providers/ssafy/routes';

export const API_ROUTES = {
  mokStart,
  mokRequest,
  mokResend,
  mokCall,
  mokConfirm,
  verificationResult,
  kcbStart,
  ssafyStart,
  ssafyStartRedirect,
  ssafyVerifyToken,
} as const;

export type RouteName = keyof typeof API_ROUTES;
