-- Birthday, gender and nationality become optional on an identity result.
--
-- KCB's popup-result may leave out 생년월일, 성별 and 내외국인 (public KCB integrations read them as
-- optional; docs/providers/kcb.md "Result fields"). An identity result is CI, DI and name; the
-- other details are kept when the provider sent them. The rule that every identity row carries all
-- of name, birthday, gender and nation (003's third table CHECK, named verifications_check2 by
-- PostgreSQL) becomes "an identity row carries a name".
ALTER TABLE verifications DROP CONSTRAINT verifications_check2;
ALTER TABLE verifications
  ADD CONSTRAINT verifications_identity_has_name CHECK (di IS NULL OR name IS NOT NULL);
