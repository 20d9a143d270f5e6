-- One person, one member, across providers (docs/auth.md "One person, one member").
--
-- CI (연계정보) is the same for a person at every Korean identity provider; DI is per site and may
-- differ by provider, so DI cannot tell that a PASS (mobile-ok) result and a KCB result are the same
-- person. The api keeps a keyed hash of CI — HMAC-SHA-256 under IDENTITY_CI_KEY, 64 hex digits —
-- and no longer the CI itself:
--
-- * verifications.ci_hash: the person of an identity result. New rows never carry `ci`; rows from
--   before this migration still hold the raw CI until the api's start-up backfill
--   (src/identity/ci-hash.ts, backfillCiHashes: it needs the key, which SQL does not have) hashes
--   and clears it. `ci` is dropped by a later migration once every deployment has run it.
-- * users.ci_hash: the person a member is, at most one member per person (UNIQUE). Set by the
--   member's first identity verification, by the signup of a verified signup, or by a login whose
--   provider reports the person's CI (Toss login-me), and never changed.
-- * signup_tickets.ci_hash / link_user_id: a login whose provider reported a CI that an existing
--   member holds (Toss login-me) — the signup form first offers to link the new login to that
--   member (POST /auth/link); declining signs up a separate member without the person.

ALTER TABLE verifications
  ADD COLUMN ci_hash text CHECK (ci_hash ~ '^[0-9a-f]{64}$');

-- An identity result carries its person as a hash (or, until the backfill, as the raw CI).
ALTER TABLE verifications DROP CONSTRAINT verifications_check1;
ALTER TABLE verifications
  ADD CONSTRAINT verifications_person_with_di CHECK ((COALESCE(ci_hash, ci) IS NULL) = (di IS NULL));
ALTER TABLE verifications
  ADD CONSTRAINT verifications_ssafy_no_ci_hash CHECK (provider <> 'ssafy' OR ci_hash IS NULL);

-- "Who holds this person" is asked on every identity verification and every login with a CI.
CREATE INDEX verifications_ci_hash_idx ON verifications (ci_hash) WHERE ci_hash IS NOT NULL;
-- What the backfill still has to do (nothing, once it ran).
CREATE INDEX verifications_raw_ci_idx ON verifications (id) WHERE ci IS NOT NULL;

ALTER TABLE users
  ADD COLUMN ci_hash text UNIQUE CHECK (ci_hash ~ '^[0-9a-f]{64}$');

ALTER TABLE signup_tickets
  ADD COLUMN ci_hash text CHECK (ci_hash ~ '^[0-9a-f]{64}$'),
  ADD COLUMN link_user_id uuid REFERENCES users (id) ON DELETE SET NULL;
