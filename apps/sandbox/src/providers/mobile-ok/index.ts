import { type FastifyInstance } from 'fastify';
import { type Clock } from '../../clock.js';
import { type FaultInjector } from '../../faults.js';
import { registerAuth } from './auth.js';
import { registerConfirm } from './confirm.js';
import { type MokContext, mokPersonas } from './context.js';
import { ensureMokDevKeys, type MokSandboxKeyMaterial } from './keys.js';
import { MOK_PERSONAS, type MokPersona } from './personas.js';
import { MokState } from './state.js';
import { registerTokenGet } from './token.js';

export { MOK_CODES, mokResultMsg, type MokCode } from './codes.js';
export { type MokContext, type MokPersonaEntry } from './context.js';
export {
  defaultMokKeyDir,
  ensureMokDevKeys,
  MokDevKeyError,
  MOK_KEY_FILE_NAME,
  MOK_SANDBOX_KEYS_FILE_NAME,
  type EnsureMokDevKeysOptions,
  type MokDevKeys,
  type MokSandboxKeyMaterial,
} from './keys.js';
export { MOK_LIMITS } from './state.js';
export { isAdultUnder, sandboxCi, sandboxDi } from './result.js';

/**
 * Where the emulator is mounted. The client's base URL is `<sandbox>/mok` and the paths below it
 * are the real service's (`/agent/v1/token/get`, …), so pointing the client at
 * https://scert-dir.mobile-ok.com or https://cert-dir.mobile-ok.com changes nothing else.
 */
export const MOK_PREFIX = '/mok';

/** The client's base URL for a sandbox at `origin` (e.g. http://127.0.0.1:4100 → …/mok). */
export function mokBaseUrl(origin: string): string {
  return `${origin.replace(/\/+$/, '')}${MOK_PREFIX}`;
}

/** The dev key files (generated on first start), or key material held in memory (tests). */
export type MokKeySource =
  { readonly dir: string; readonly password: string } | { readonly material: MokSandboxKeyMaterial };

export interface MobileOkOptions {
  /** The registered service id: `serviceId` of token/get and the key file's ServiceId. */
  readonly serviceId: string;
  /** Registered site domains (`siteUrl`, guide §2.3). */
  readonly siteUrls: readonly string[];
  /** ARS codes assigned to the site (`arsCode`, guide §5.1.3). */
  readonly arsCodes: readonly string[];
  readonly keys: MokKeySource;
  /** Defaults to `@mfv/sandbox/mok-personas`. */
  readonly personas?: readonly MokPersona[];
  /** MOKResult `siteId` (default `SANDBOX01`; the guide's example is "CPID0001"). */
  readonly siteId?: string;
}

function checkOptions(options: MobileOkOptions): void {
  if (options.serviceId === '') throw new Error('mobile-ok: serviceId must not be empty');
  if (options.siteUrls.length === 0)
    throw new Error('mobile-ok: at least one registered siteUrl is required');
  if (options.arsCodes.length === 0) throw new Error('mobile-ok: at least one ARS code is required');
}

/**
 * Mounts the mobile-ok 본인확인-API emulator under /mok. Keys are loaded (or, from files, generated
 * on first start) while the app boots, so listen()/ready() fail if they cannot be used.
 */
export function registerMobileOk(
  app: FastifyInstance,
  deps: { options: MobileOkOptions; clock: Clock; injector: FaultInjector },
): MokContext {
  const { options } = deps;
  checkOptions(options);
  const ctx: MokContext = {
    serviceId: options.serviceId,
    siteUrls: options.siteUrls,
    arsCodes: options.arsCodes,
    siteId: options.siteId ?? 'SANDBOX01',
    personas: mokPersonas(options.personas ?? MOK_PERSONAS),
    state: new MokState(deps.clock),
    injector: deps.injector,
    clock: deps.clock,
    keys: undefined,
  };
  void app.register(
    async (mok) => {
      const source = options.keys;
      if ('material' in source) {
        ctx.keys = source.material;
      } else {
        ctx.keys = await ensureMokDevKeys({
          dir: source.dir,
          password: source.password,
          serviceId: options.serviceId,
        });
        mok.log.info(
          { keyFile: ctx.keys.keyFile, created: ctx.keys.created },
          ctx.keys.created ? 'mobile-ok: dev key file generated' : 'mobile-ok: dev key file loaded',
        );
      }
      registerTokenGet(mok, ctx);
      registerAuth(mok, ctx);
      registerConfirm(mok, ctx);
    },
    { prefix: MOK_PREFIX },
  );
  return ctx;
}
