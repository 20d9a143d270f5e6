-- Instant revocation (docs/security.md F3, access tokens outliving logout): every Next process polls GET /auth/revocations?since=… about
-- twice a second for sessions revoked since its last look. This index keeps that a range scan
-- over the few recently revoked families, not a scan of every session.
CREATE INDEX token_families_revoked_at_idx ON token_families (revoked_at) WHERE revoked_at IS NOT NULL;
