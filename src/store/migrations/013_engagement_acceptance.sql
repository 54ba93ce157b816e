-- 013 engagement acceptance: an engagement is pending until the provider's leadership accepts
-- or declines it (who, when, an optional reason); only an accepted engagement opens people,
-- practices, summits or governance to the other side (docs/design.md, "Consent before
-- visibility"). Engagements made before this migration were agreed by both sides: accepted.
ALTER TABLE engagements ADD COLUMN acceptance TEXT NOT NULL DEFAULT 'pending' CHECK (acceptance IN ('pending', 'accepted', 'declined'));
ALTER TABLE engagements ADD COLUMN acceptance_by BIGINT REFERENCES users (id);
ALTER TABLE engagements ADD COLUMN acceptance_at TEXT;
ALTER TABLE engagements ADD COLUMN acceptance_reason TEXT NOT NULL DEFAULT '';
UPDATE engagements SET acceptance = 'accepted';
CREATE INDEX engagements_provider_acceptance ON engagements (provider_org_id, acceptance);
