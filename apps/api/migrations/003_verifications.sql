-- Identity verifications handed off by the verify remote (mobile-ok today; KCB, SSAFY and Toss
-- use the same table). One row per completed verification, holding what the provider guide says
-- to keep and no more: provider, product, CI, DI, name, birthday, gender, nationality, phone,
-- adult flag, when the provider issued it.
--
-- Owner: a member (user_id), or a pending signup (signup_ticket_hash → signup_tickets; the
-- member it becomes is found through identities once the ticket is used). Exactly one is set.
--
-- SMS 소유인증 (mobile-ok SMSAuth) proves possession of a number, not identity: such rows carry
-- the phone only (no CI/DI, no name).
--
-- The browser gets a one-time ticket for the result page: only its SHA-256 is stored
-- (ticket_hash), it expires (ticket_expires_at) and is spent once (ticket_redeemed_at).
-- Timestamps come from the application clock, never now().

CREATE TABLE verifications (
  id uuid PRIMARY KEY,
  provider text NOT NULL CHECK (provider IN ('mobile-ok', 'kcb', 'ssafy', 'toss')),
  service_type text NOT NULL,
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  signup_ticket_hash text REFERENCES signup_tickets (ticket_hash) ON DELETE CASCADE,
  ci text,
  di text,
  name text,
  birthday text CHECK (birthday ~ '^[0-9]{8}$'),
  gender text CHECK (gender IN ('male', 'female')),
  nation text CHECK (nation IN ('domestic', 'foreign')),
  phone text NOT NULL CHECK (phone ~ '^[0-9]{9,12}$'),
  is_adult boolean,
  verified_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  ticket_hash text NOT NULL UNIQUE,
  ticket_expires_at timestamptz NOT NULL,
  ticket_redeemed_at timestamptz,
  CHECK ((user_id IS NULL) <> (signup_ticket_hash IS NULL)),
  CHECK ((ci IS NULL) = (di IS NULL)),
  CHECK (
    di IS NULL
    OR (name IS NOT NULL AND birthday IS NOT NULL AND gender IS NOT NULL AND nation IS NOT NULL)
  )
);
-- DI (중복가입확인정보) decides "already registered": looked up on every identity verification.
CREATE INDEX verifications_di_idx ON verifications (di) WHERE di IS NOT NULL;
CREATE INDEX verifications_user_id_idx ON verifications (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX verifications_signup_ticket_idx ON verifications (signup_ticket_hash)
  WHERE signup_ticket_hash IS NOT NULL;
