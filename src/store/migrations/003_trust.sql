-- 003 trust: bilateral relationship surveys after each held review, and the day each
-- action was closed (so commitments can be judged kept on time).
-- Tenant column: surveys.buyer_org_id (the engagement's buyer owns its governance record).
ALTER TABLE actions ADD COLUMN closed_on TEXT;

-- One response per side (buyer or provider) per period; the period is the held review it follows.
CREATE TABLE surveys (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	engagement_id BIGINT NOT NULL REFERENCES engagements (id),
	review_id BIGINT NOT NULL REFERENCES reviews (id),
	side TEXT NOT NULL CHECK (side IN ('buyer', 'provider')),
	trust BIGINT NOT NULL CHECK (trust BETWEEN 1 AND 5),
	communication BIGINT NOT NULL CHECK (communication BETWEEN 1 AND 5),
	value BIGINT NOT NULL CHECK (value BETWEEN 1 AND 5),
	innovation BIGINT NOT NULL CHECK (innovation BETWEEN 1 AND 5),
	responsiveness BIGINT NOT NULL CHECK (responsiveness BETWEEN 1 AND 5),
	comment TEXT NOT NULL DEFAULT '',
	submitted_by BIGINT NOT NULL REFERENCES users (id),
	submitted_at TEXT NOT NULL,
	UNIQUE (review_id, side)
);
CREATE INDEX surveys_engagement ON surveys (engagement_id, review_id);
