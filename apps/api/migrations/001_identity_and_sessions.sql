-- Members, the provider identities linked to them, signup tickets, and login sessions
-- (refresh-token families). Timestamps come from the application clock, never now(), so tests
-- can move time.

CREATE TABLE users (
  id uuid PRIMARY KEY,
  nickname text NOT NULL,
  email text,
  profile_image_url text,
  created_at timestamptz NOT NULL
);

-- One row per (provider, provider's subject). Kakao today; Toss and others link the same way,
-- and one member may hold several identities.
CREATE TABLE identities (
  provider text NOT NULL CHECK (provider IN ('kakao', 'toss')),
  subject text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (provider, subject)
);
CREATE INDEX identities_user_id_idx ON identities (user_id);

-- Issued when a verified provider identity has no member yet. Only the SHA-256 of the ticket is
-- stored; single use (consumed_at), short-lived (expires_at).
CREATE TABLE signup_tickets (
  ticket_hash text PRIMARY KEY,
  provider text NOT NULL,
  subject text NOT NULL,
  nickname text,
  email text,
  profile_image_url text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz
);
CREATE INDEX signup_tickets_expires_at_idx ON signup_tickets (expires_at);

-- One family per login session; its id is the access token's `sid`.
-- Revoking the family ends the session: its refresh tokens and access tokens stop working.
CREATE TABLE token_families (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text CHECK (revoked_reason IN ('logout', 'logout_all', 'reuse'))
);
CREATE INDEX token_families_user_id_idx ON token_families (user_id) WHERE revoked_at IS NULL;

-- Refresh tokens, stored only as SHA-256 hex digests. Generation 0 is issued at login; each
-- refresh spends the current token and inserts generation n+1.
-- successor_sealed: the successor's raw value, AES-256-GCM encrypted under a server secret, kept
-- only for the grace window so a retried refresh gets the same successor (see src/tokens/refresh.ts).
CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  family_id uuid NOT NULL REFERENCES token_families (id) ON DELETE CASCADE,
  generation integer NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  spent_at timestamptz,
  successor_hash text,
  successor_sealed text,
  UNIQUE (family_id, generation)
);
CREATE INDEX refresh_tokens_sealed_idx ON refresh_tokens (spent_at) WHERE successor_sealed IS NOT NULL;
