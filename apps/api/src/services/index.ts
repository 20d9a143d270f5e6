import { systemClock, type Clock } from '../clock.js';
import type { Db } from '../db/types.js';
import type { CiKeyring } from '../identity/ci-hash.js';
import { AccessTokens } from '../tokens/access.js';
import type { KeySet } from '../tokens/keys.js';
import { RefreshTokens } from '../tokens/refresh.js';
import { createSealer } from '../tokens/secrets.js';
import { Accounts } from './accounts.js';
import { Consents } from './consents.js';
import { IdentitySessions } from './identity-sessions.js';
import { Notices } from './notices.js';
import { Retention } from './retention.js';
import { Sessions } from './sessions.js';
import { Verifications } from './verifications.js';

export interface TokenSettings {
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** 0–10 s; see RefreshTokens. */
  refreshGraceSeconds: number;
  signupTicketTtlSeconds: number;
}

export interface ServiceDeps {
  db: Db;
  keys: KeySet;
  /** Server secret from which the successor-sealing key is derived (API_REFRESH_SEAL_SECRET). */
  sealSecret: string;
  settings: TokenSettings;
  /** Keys the hash of a person's CI (IDENTITY_CI_KEY): one person across providers, never the CI itself. */
  ciKeys: CiKeyring;
  clock?: Clock;
}

export interface ApiServices {
  clock: Clock;
  accessTokens: AccessTokens;
  refreshTokens: RefreshTokens;
  sessions: Sessions;
  accounts: Accounts;
  /** Members' consents: the signup's answers and later changes to optional items. */
  consents: Consents;
  /** Provider unlinks (Toss unlink callback): end the linked member's sessions. */
  identitySessions: IdentitySessions;
  notices: Notices;
  /** Identity-verification hand-off records and their one-time result tickets. */
  verifications: Verifications;
  /** Deletes what has been dead for a day (expired tokens, sessions, signup tickets); run on a timer. */
  retention: Retention;
}

export function createServices(deps: ServiceDeps): ApiServices {
  const clock = deps.clock ?? systemClock;
  const { settings } = deps;
  const accessTokens = new AccessTokens(
    deps.keys,
    { issuer: settings.issuer, audience: settings.audience, ttlSeconds: settings.accessTokenTtlSeconds },
    clock,
  );
  const refreshTokens = new RefreshTokens(
    deps.db,
    createSealer(deps.sealSecret),
    { ttlSeconds: settings.refreshTokenTtlSeconds, graceSeconds: settings.refreshGraceSeconds },
    clock,
  );
  const sessions = new Sessions(accessTokens, refreshTokens, clock);
  const consents = new Consents(deps.db, clock);
  return {
    clock,
    accessTokens,
    refreshTokens,
    sessions,
    consents,
    accounts: new Accounts(deps.db, sessions, clock, deps.ciKeys, consents, {
      signupTicketTtlSeconds: settings.signupTicketTtlSeconds,
    }),
    notices: new Notices(deps.db, clock),
    verifications: new Verifications(deps.db, clock, deps.ciKeys),
    identitySessions: new IdentitySessions(deps.db, sessions, clock),
    retention: new Retention(deps.db, clock),
  };
}
