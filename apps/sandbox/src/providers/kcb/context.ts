import { type Clock } from '../../clock.js';
import { type Fault, type FaultInjector } from '../../faults.js';
import { parsePersonaFaults } from '../../persona-faults.js';
import { KCB_MEMBER_CODE } from './crypto.js';
import { kcbPageShape, kcbResultShape } from './errors.js';
import { KCB_CARRIERS, type KcbPersona } from './personas.js';
import { type KcbState } from './state.js';

/** A member (회원사) registered with the emulated KCB. */
export interface KcbClient {
  /** OAuth client id of /v1/oauth2/access_token. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** 회원사 코드 `idcf_mbr_com_cd`: exactly 12 letters or digits. */
  readonly memberCode: string;
  /** Registered return URLs; popup-start's `return_url` must equal one exactly. */
  readonly returnUrls: readonly string[];
}

export interface KcbOptions {
  readonly clients: readonly KcbClient[];
  /** Defaults to `KCB_PERSONAS` (`@mfv/sandbox/kcb-personas`). */
  readonly personas?: readonly KcbPersona[];
}

export interface KcbPersonaEntry {
  readonly persona: KcbPersona;
  readonly faults: { readonly page?: Fault; readonly result?: Fault };
}

export interface KcbContext {
  readonly clients: readonly KcbClient[];
  readonly personas: ReadonlyMap<string, KcbPersonaEntry>;
  readonly state: KcbState;
  readonly injector: FaultInjector;
  readonly clock: Clock;
}

export function checkKcbClients(clients: readonly KcbClient[]): void {
  if (clients.length === 0) throw new Error('kcb: at least one registered client is required');
  const ids = new Set<string>();
  const codes = new Set<string>();
  for (const client of clients) {
    if (client.clientId === '' || client.clientSecret === '') {
      throw new Error('kcb: a client has an empty client_id or client_secret');
    }
    if (ids.has(client.clientId)) throw new Error(`kcb: client_id ${client.clientId} is registered twice`);
    ids.add(client.clientId);
    if (!KCB_MEMBER_CODE.test(client.memberCode)) {
      throw new Error(`kcb: client ${client.clientId}: member code must be exactly 12 letters or digits`);
    }
    if (codes.has(client.memberCode))
      throw new Error(`kcb: member code ${client.memberCode} is registered twice`);
    codes.add(client.memberCode);
    if (client.returnUrls.length === 0) throw new Error(`kcb: client ${client.clientId} has no return URL`);
    for (const url of client.returnUrls) {
      if (!URL.canParse(url) || url.includes('#')) {
        throw new Error(
          `kcb: client ${client.clientId}: return URL must be absolute and without fragment: ${url}`,
        );
      }
    }
  }
}

const DATE = /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

export function kcbPersonaTable(personas: readonly KcbPersona[]): Map<string, KcbPersonaEntry> {
  const entries = new Map<string, KcbPersonaEntry>();
  const phones = new Set<string>();
  for (const persona of personas) {
    const where = `persona ${persona.id}`;
    if (entries.has(persona.id)) throw new Error(`${where}: duplicate persona id`);
    if (!DATE.test(persona.birthdate)) throw new Error(`${where}: kcb birthdate must be YYYYMMDD`);
    if (!/^01\d{8,9}$/.test(persona.phone)) throw new Error(`${where}: kcb phone must be a mobile number`);
    if (phones.has(persona.phone)) throw new Error(`${where}: duplicate phone ${persona.phone}`);
    phones.add(persona.phone);
    if (!(persona.carrier in KCB_CARRIERS)) throw new Error(`${where}: unknown carrier ${persona.carrier}`);
    const faults = parsePersonaFaults('kcb', persona.id, persona.faults, {
      page: kcbPageShape,
      result: kcbResultShape,
    });
    entries.set(persona.id, { persona, faults });
  }
  return entries;
}

export function findKcbClient(
  clients: readonly KcbClient[],
  clientId: string | undefined,
): KcbClient | undefined {
  return clientId === undefined ? undefined : clients.find((c) => c.clientId === clientId);
}
