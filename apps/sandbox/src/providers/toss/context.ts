import { type Clock } from '../../clock.js';
import { type Fault, type FaultInjector } from '../../faults.js';
import { parsePersonaFaults } from '../../persona-faults.js';
import { checkTossKey } from './crypto.js';
import { tossApiShape, tossLoginMeShape } from './errors.js';
import { TOSS_USER_SCOPES, type TossPersona } from './personas.js';
import { type TossState } from './state.js';

/** PEM material of the mTLS listener. */
export interface TossTlsMaterial {
  /** The server's private key. */
  readonly key: string | Buffer;
  /** The server's certificate (SAN localhost, 127.0.0.1). */
  readonly cert: string | Buffer;
  /** The CA whose client certificates are accepted (the dev CA). */
  readonly ca: string | Buffer;
}

export interface TossUnlinkOptions {
  /** The platform's unlink callback; the admin endpoint answers 409 while unset. */
  readonly url?: string;
  /** Basic auth the callback expects (the console's "연결 끊기 콜백" credentials). */
  readonly basicAuth: { readonly user: string; readonly password: string };
  /** POST with a JSON body (default) or GET with query parameters: the console offers both. */
  readonly method?: 'POST' | 'GET';
  /** How long to wait for the platform (default 5 s). */
  readonly timeoutMs?: number;
}

export interface TossOptions {
  /** The console-issued AES-256-GCM key (32 bytes). */
  readonly decryptKey: Buffer;
  /** The console-issued AAD (used as UTF-8 bytes). */
  readonly aad: string;
  readonly unlink?: TossUnlinkOptions;
  /** Defaults to `TOSS_PERSONAS` (`@mfv/sandbox/toss-personas`). */
  readonly personas?: readonly TossPersona[];
  /**
   * The HTTPS listener that requires a client certificate (the partner API). Absent: no listener
   * (the bridge emulator and the admin endpoint still work). Port 0 picks a free port.
   */
  readonly mtls?: { readonly port: number; readonly tls: TossTlsMaterial };
}

export interface TossPersonaEntry {
  readonly persona: TossPersona;
  readonly faults: { readonly generateToken?: Fault; readonly loginMe?: Fault };
}

export interface TossContext {
  readonly options: TossOptions;
  readonly personas: ReadonlyMap<string, TossPersonaEntry>;
  readonly state: TossState;
  readonly injector: FaultInjector;
  readonly clock: Clock;
}

export function checkTossOptions(options: TossOptions): void {
  checkTossKey(options.decryptKey);
  if (options.aad === '') throw new Error('toss: the AAD must not be empty');
  const url = options.unlink?.url;
  if (url !== undefined && !URL.canParse(url)) throw new Error('toss: unlink url must be absolute');
}

export function tossPersonaTable(personas: readonly TossPersona[]): Map<string, TossPersonaEntry> {
  const entries = new Map<string, TossPersonaEntry>();
  const userKeys = new Set<number>();
  const known = new Set<string>(TOSS_USER_SCOPES);
  for (const persona of personas) {
    const where = `persona ${persona.id}`;
    if (entries.has(persona.id)) throw new Error(`${where}: duplicate persona id`);
    if (!Number.isSafeInteger(persona.userKey) || persona.userKey <= 0)
      throw new Error(`${where}: bad userKey`);
    if (userKeys.has(persona.userKey)) throw new Error(`${where}: duplicate userKey ${persona.userKey}`);
    userKeys.add(persona.userKey);
    const unknown = persona.consents.find((s) => !known.has(s));
    if (unknown !== undefined) throw new Error(`${where}: unknown consent ${unknown}`);
    const faults = parsePersonaFaults('toss', persona.id, persona.faults, {
      generateToken: tossApiShape,
      loginMe: tossLoginMeShape,
    });
    entries.set(persona.id, { persona, faults });
  }
  return entries;
}
