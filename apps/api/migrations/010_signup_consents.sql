-- Signup consents, one row per answer (개인정보 보호법 §22: each item asked and kept apart).
--
-- A member's answer to one consent item (packages/api-contract consents.ts: terms, privacy,
-- age14, marketing), the version of the document they were shown, and when. Rows are only
-- added: a signup records every item agreed to; giving or withdrawing an optional item later adds
-- a row, so the history of every change stays (정보통신망법 §50: proof of a 수신 동의 and of its
-- withdrawal). The member's current answer to an item is its latest row. Members who signed up
-- before this table existed have no rows: they agreed to the required items as one, and hold
-- no optional consent.
CREATE TABLE consent_records (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  item text NOT NULL CHECK (item ~ '^[a-z0-9]{1,32}$'),
  required boolean NOT NULL,
  version text NOT NULL,
  agreed boolean NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX consent_records_user_item_idx ON consent_records (user_id, item, recorded_at DESC, id DESC);
