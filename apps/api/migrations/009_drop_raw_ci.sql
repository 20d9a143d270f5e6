-- The raw CI leaves the schema (docs/auth.md "One person, one member").
--
-- 007 kept `verifications.ci` only until the api's start-up backfill (src/identity/ci-hash.ts,
-- backfillCiHashes) had replaced every raw CI by its keyed hash. The backfill needs
-- IDENTITY_CI_KEY, which SQL does not have, so the api runs it inside the migration transaction
-- right before this file (src/db/migrate.ts, `before` hooks; src/server.ts). Applied without the
-- key — by hand, or by a tool that runs only the SQL — this migration refuses while any row still
-- holds a raw CI, and nothing is dropped: start the api once (it hashes them), then migrate.
DO $$
DECLARE
  pending bigint;
BEGIN
  SELECT count(*) INTO pending FROM verifications WHERE ci IS NOT NULL;
  IF pending > 0 THEN
    RAISE EXCEPTION
      '009_drop_raw_ci: % verification row(s) still hold a raw CI. Start the api with IDENTITY_CI_KEY set: it replaces each by its keyed hash (backfillCiHashes) before this migration, which then drops the column.',
      pending
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
END
$$;

-- The constraints that named `ci` (004's provider shape, 007's person rule) and 007's index of
-- rows still to backfill go with the column; the two rules come back over `ci_hash` alone.
ALTER TABLE verifications DROP CONSTRAINT verifications_person_with_di;
ALTER TABLE verifications DROP CONSTRAINT verifications_provider_shape;
DROP INDEX verifications_raw_ci_idx;
ALTER TABLE verifications DROP COLUMN ci;

-- An identity result carries its person (as a keyed hash) exactly when it carries a DI.
ALTER TABLE verifications
  ADD CONSTRAINT verifications_person_with_di CHECK ((ci_hash IS NULL) = (di IS NULL));
ALTER TABLE verifications
  ADD CONSTRAINT verifications_provider_shape CHECK (
    CASE
      WHEN provider = 'ssafy' THEN
        subject IS NOT NULL
        AND phone IS NULL AND ci_hash IS NULL AND di IS NULL AND name IS NULL AND birthday IS NULL
        AND gender IS NULL AND nation IS NULL AND is_adult IS NULL
      ELSE
        phone IS NOT NULL
        AND subject IS NULL AND cohort IS NULL AND campus IS NULL AND mattermost_id IS NULL
    END
  );
