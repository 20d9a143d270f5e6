import { type Clock } from '../../clock.js';
import { type Fault, type FaultInjector, parseFault } from '../../faults.js';
import { type MokDevKeys, type MokSandboxKeyMaterial } from './keys.js';
import {
  MOK_DEFAULT_ARS,
  MOK_DEFAULT_PASS,
  type MokArsBehaviour,
  type MokPassBehaviour,
  type MokPersona,
} from './personas.js';
import { mokShape } from './responses.js';
import { type MokState } from './state.js';

export type MokFaultStep = 'auth' | 'resend' | 'call' | 'confirm';

/** A persona with its defaults filled in and its fault specs parsed once at startup. */
export interface MokPersonaEntry {
  readonly persona: MokPersona;
  readonly pass: MokPassBehaviour;
  readonly ars: MokArsBehaviour;
  readonly faults: Readonly<Partial<Record<MokFaultStep, Fault>>>;
  /** Requests each step's fault has answered so far (bounded by the persona's `faultTimes`). */
  readonly faultsUsed: Map<MokFaultStep, number>;
}

/** The keys in use: in-memory material (tests), or the dev key files with their paths. */
export type MokActiveKeys = MokSandboxKeyMaterial & Partial<Omit<MokDevKeys, keyof MokSandboxKeyMaterial>>;

export interface MokContext {
  /** The registered service id (`serviceId` of token/get, ServiceId of the key file). */
  readonly serviceId: string;
  /** Registered site domains (`siteUrl`). */
  readonly siteUrls: readonly string[];
  /** ARS codes assigned to the site (`arsCode`). */
  readonly arsCodes: readonly string[];
  /** MOKResult `siteId`. */
  readonly siteId: string;
  readonly personas: {
    readonly byId: ReadonlyMap<string, MokPersonaEntry>;
    readonly byPhone: ReadonlyMap<string, MokPersonaEntry>;
  };
  readonly state: MokState;
  readonly injector: FaultInjector;
  readonly clock: Clock;
  /** Set while the app boots (the key files are read or generated then); undefined before. */
  keys: MokActiveKeys | undefined;
}

/** Builds the persona table; throws (naming the persona) on a duplicate id or phone, or a bad fault spec. */
export function mokPersonas(personas: readonly MokPersona[]): MokContext['personas'] {
  const byId = new Map<string, MokPersonaEntry>();
  const byPhone = new Map<string, MokPersonaEntry>();
  for (const persona of personas) {
    if (byId.has(persona.id)) throw new Error(`mobile-ok persona ${persona.id}: duplicate id`);
    if (byPhone.has(persona.phone)) {
      throw new Error(`mobile-ok persona ${persona.id}: phone ${persona.phone} is already someone else's`);
    }
    if (!/^\d{6}$/.test(persona.otp))
      throw new Error(`mobile-ok persona ${persona.id}: otp must be 6 digits`);
    if (persona.faultTimes !== undefined && !(Number.isInteger(persona.faultTimes) && persona.faultTimes > 0))
      throw new Error(`mobile-ok persona ${persona.id}: faultTimes must be a positive integer`);
    const faults: Partial<Record<MokFaultStep, Fault>> = {};
    for (const step of ['auth', 'resend', 'call', 'confirm'] as const) {
      const spec = persona.faults?.[step];
      if (spec === undefined) continue;
      const where = `mobile-ok persona ${persona.id}: faults.${step}`;
      let fault: Fault;
      try {
        fault = parseFault(spec);
      } catch (err) {
        throw new Error(`${where}: ${(err as Error).message}`, { cause: err });
      }
      // Checked now rather than when a browser flow reaches the step.
      const shape = mokShape(step);
      if (fault.action?.kind === 'code' && shape.resultCode?.(fault.action.code) === undefined) {
        throw new Error(`${where}: code:${fault.action.code} is not a mobile-ok result code (4 digits)`);
      }
      if (fault.action?.kind === 'tamper' && shape.tamper !== true) {
        throw new Error(`${where}: tamper only applies to confirm (the step with a sealed result)`);
      }
      faults[step] = fault;
    }
    const entry: MokPersonaEntry = {
      persona,
      pass: persona.pass ?? MOK_DEFAULT_PASS,
      ars: persona.ars ?? MOK_DEFAULT_ARS,
      faults,
      faultsUsed: new Map(),
    };
    byId.set(persona.id, entry);
    byPhone.set(persona.phone, entry);
  }
  return { byId, byPhone };
}
