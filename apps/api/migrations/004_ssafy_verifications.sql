-- SSAFY Verify results (SSAFY Verify SDK 가이드, "저장 최소화"; docs/providers/ssafy.md): the verify remote keeps only that the
-- person was verified, their pairwise subject (`sub`, stable per client), cohort, campus and when —
-- plus the Mattermost id only when that scope is configured. No phone, CI, DI, name or birthday:
-- SSAFY does not send them, and a row of provider 'ssafy' may not carry them.
--
-- Other providers keep requiring the phone (003) and carry none of the SSAFY columns.
--
-- One SSAFY subject belongs to one account, as one DI does: "already registered" is decided by
-- the service (services/verifications.ts), which resolves the holder of every row of a subject the
-- same way as for a DI (the member, or the signup through signup_tickets → identities) under a
-- transaction-scoped advisory lock. The same member may verify again, so this is not a UNIQUE
-- index on the column: several rows of one subject and one holder are expected.

ALTER TABLE verifications ALTER COLUMN phone DROP NOT NULL;

ALTER TABLE verifications
  ADD COLUMN subject text CHECK (char_length(subject) BETWEEN 1 AND 255),
  ADD COLUMN cohort text CHECK (char_length(cohort) BETWEEN 1 AND 100),
  ADD COLUMN campus text CHECK (char_length(campus) BETWEEN 1 AND 100),
  ADD COLUMN mattermost_id text CHECK (char_length(mattermost_id) BETWEEN 1 AND 255);

ALTER TABLE verifications
  ADD CONSTRAINT verifications_provider_shape CHECK (
    CASE
      WHEN provider = 'ssafy' THEN
        subject IS NOT NULL
        AND phone IS NULL AND ci IS NULL AND di IS NULL AND name IS NULL AND birthday IS NULL
        AND gender IS NULL AND nation IS NULL AND is_adult IS NULL
      ELSE
        phone IS NOT NULL
        AND subject IS NULL AND cohort IS NULL AND campus IS NULL AND mattermost_id IS NULL
    END
  );

-- The subject decides "already registered" for SSAFY: looked up on every SSAFY verification.
CREATE INDEX verifications_subject_idx ON verifications (subject) WHERE subject IS NOT NULL;
