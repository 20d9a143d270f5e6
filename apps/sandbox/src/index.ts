export { buildApp, type SandboxOptions, type SandboxInternals } from './app.js';
export {
  startServer,
  installShutdown,
  type Closable,
  type RunningSandbox,
  type ShutdownHost,
} from './lifecycle.js';
export { loadSandboxEnv, sandboxOptionsFromEnv } from './env.js';
export { FAULT_HEADER, parseFault, FaultSpecError, type Fault, type FaultAction } from './faults.js';
export { type Clock, systemClock } from './clock.js';
export * from './personas.js';
export {
  KAKAO_PATHS,
  KAKAO_LIFETIMES,
  KAPI_MESSAGES,
  KOE,
  kakaoBaseUrls,
  type KakaoApp,
  type KakaoOptions,
  type KakaoTokenResponse,
  type KakaoUserMe,
  type KoeCode,
} from './providers/kakao/index.js';
