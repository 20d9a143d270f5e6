import { type KeyObject } from 'node:crypto';
import { type FastifyRequest } from 'fastify';
import { type Clock } from '../../clock.js';
import { type Fault, type FaultInjector } from '../../faults.js';
import { parsePersonaFaults } from '../../persona-faults.js';
import { ssafyPageShape, ssafyTokenShape } from './errors.js';
import { type SsafySigningKey } from './jwt.js';
import { type SsafyPersona } from './personas.js';
import { type SsafyState } from './state.js';

/** A client registered in the (emulated) SSAFY Verify Developer Portal. */
export interface SsafyClient {
  readonly clientId: string;
  /** Set for a confidential client: /verify/token then requires it. Public clients have none. */
  readonly clientSecret?: string;
  /** Registered redirect URIs; `redirect_uri` must equal one exactly. */
  readonly redirectUris: readonly string[];
  /** Shown on the verification page. */
  readonly name?: string;
}

export interface SsafyOptions {
  /**
   * The issuer (`iss` of callbacks and tokens), e.g. http://127.0.0.1:4100/ssafy. When absent, the
   * origin each request arrived at followed by `/ssafy` (tests on port 0).
   */
  readonly issuer?: string;
  readonly clients: readonly SsafyClient[];
  /** Defaults to `SSAFY_PERSONAS` (`@mfv/sandbox/ssafy-personas`). */
  readonly personas?: readonly SsafyPersona[];
  /** EC P-256 private key for ES256. Defaults to a key generated at startup. */
  readonly signingKey?: KeyObject;
}

export interface SsafyPersonaEntry {
  readonly persona: SsafyPersona;
  readonly faults: { readonly callback?: Fault; readonly token?: Fault };
}

export interface SsafyContext {
  readonly clients: readonly SsafyClient[];
  readonly personas: ReadonlyMap<string, SsafyPersonaEntry>;
  readonly state: SsafyState;
  readonly injector: FaultInjector;
  readonly clock: Clock;
  readonly key: SsafySigningKey;
  /** The issuer for this request (configured, or derived from the request's origin). */
  issuer(request: FastifyRequest): string;
}

/** The scopes SSAFY Verify offers; `ssafy.verify` is required in every request. */
export const SSAFY_SCOPES = [
  'ssafy.verify',
  'ssafy.affiliation',
  'ssafy.name',
  'ssafy.profile_image',
  'ssafy.mattermost_id',
] as const;
export type SsafyScope = (typeof SSAFY_SCOPES)[number];

export function checkSsafyClients(clients: readonly SsafyClient[]): void {
  if (clients.length === 0) throw new Error('ssafy: at least one registered client is required');
  const ids = new Set<string>();
  for (const client of clients) {
    if (client.clientId === '') throw new Error('ssafy: a client has an empty client_id');
    if (client.clientSecret === '') throw new Error(`ssafy: client ${client.clientId} has an empty secret`);
    if (ids.has(client.clientId)) throw new Error(`ssafy: client_id ${client.clientId} is registered twice`);
    ids.add(client.clientId);
    if (client.redirectUris.length === 0)
      throw new Error(`ssafy: client ${client.clientId} has no redirect URI`);
    for (const uri of client.redirectUris) {
      if (!URL.canParse(uri) || uri.includes('#')) {
        throw new Error(
          `ssafy: client ${client.clientId}: redirect URI must be absolute and without fragment: ${uri}`,
        );
      }
    }
  }
}

export function ssafyPersonaTable(personas: readonly SsafyPersona[]): Map<string, SsafyPersonaEntry> {
  const entries = new Map<string, SsafyPersonaEntry>();
  const members = new Set<string>();
  for (const persona of personas) {
    const where = `persona ${persona.id}`;
    if (entries.has(persona.id)) throw new Error(`${where}: duplicate persona id`);
    if (persona.memberId !== undefined) {
      if (members.has(persona.memberId)) throw new Error(`${where}: duplicate SSAFY member id`);
      members.add(persona.memberId);
    }
    if (!/^[a-z0-9]{26}$/.test(persona.mattermostId)) {
      throw new Error(`${where}: mattermostId must be 26 lower-case letters or digits`);
    }
    const faults = parsePersonaFaults('ssafy', persona.id, persona.faults, {
      callback: ssafyPageShape,
      token: ssafyTokenShape,
    });
    entries.set(persona.id, { persona, faults });
  }
  return entries;
}

export function findSsafyClient(
  clients: readonly SsafyClient[],
  clientId: string | undefined,
): SsafyClient | undefined {
  return clientId === undefined ? undefined : clients.find((c) => c.clientId === clientId);
}
