-- 006 practices: the best-practice exchange — buyers' confidential terms, practices with
-- every revision kept, their full-text index, publication approvals, adoptions and their steps.
-- Tenant column of each table: the provider that owns the practice (provider_org_id), the
-- buyer that owns its terms or its side of an adoption (org_id / buyer_org_id).
CREATE TABLE confidential_terms (
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	term TEXT NOT NULL,
	PRIMARY KEY (org_id, term)
);

CREATE TABLE practices (
	id @PK@,
	provider_org_id BIGINT NOT NULL REFERENCES orgs (id),
	origin_engagement_id BIGINT NOT NULL REFERENCES engagements (id),
	industry TEXT NOT NULL DEFAULT '',
	service_line TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
	current_revision INTEGER NOT NULL DEFAULT 1,
	published_revision INTEGER,
	created_by BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	published_at TEXT
);
CREATE INDEX practices_provider ON practices (provider_org_id, id);
CREATE INDEX practices_origin ON practices (origin_engagement_id);

CREATE TABLE practice_revisions (
	id @PK@,
	provider_org_id BIGINT NOT NULL REFERENCES orgs (id),
	practice_id BIGINT NOT NULL REFERENCES practices (id),
	number INTEGER NOT NULL,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	tags TEXT NOT NULL DEFAULT '',
	author_id BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	UNIQUE (practice_id, number)
);

-- The full-text index of practices' current and published revisions (rowid: the revision's id), in each backend's own form.
@PRACTICE_SEARCH@;

CREATE TABLE practice_approvals (
	id @PK@,
	provider_org_id BIGINT NOT NULL REFERENCES orgs (id),
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	practice_id BIGINT NOT NULL REFERENCES practices (id),
	revision INTEGER NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'declined', 'superseded')),
	findings TEXT NOT NULL,
	requested_by BIGINT NOT NULL REFERENCES users (id),
	requested_at TEXT NOT NULL,
	decided_by BIGINT REFERENCES users (id),
	decided_at TEXT,
	note TEXT NOT NULL DEFAULT '',
	UNIQUE (practice_id, revision)
);

CREATE TABLE adoptions (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	provider_org_id BIGINT NOT NULL REFERENCES orgs (id),
	practice_id BIGINT NOT NULL REFERENCES practices (id),
	engagement_id BIGINT NOT NULL REFERENCES engagements (id),
	status TEXT NOT NULL CHECK (status IN ('proposed', 'buy-in', 'implementing', 'implemented', 'rejected')),
	proposed_on TEXT,
	buyin_on TEXT,
	implementing_on TEXT,
	implemented_on TEXT,
	rejected_on TEXT,
	benefit_text TEXT NOT NULL DEFAULT '',
	benefit_value TEXT,
	benefit_unit TEXT NOT NULL DEFAULT '',
	created_by BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (practice_id, engagement_id)
);
CREATE INDEX adoptions_engagement ON adoptions (engagement_id);
CREATE INDEX adoptions_provider ON adoptions (provider_org_id, status);
CREATE INDEX adoptions_buyer ON adoptions (buyer_org_id, practice_id);

CREATE TABLE adoption_steps (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	adoption_id BIGINT NOT NULL REFERENCES adoptions (id),
	status TEXT NOT NULL,
	user_id BIGINT NOT NULL REFERENCES users (id),
	at TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX adoption_steps_adoption ON adoption_steps (adoption_id, id);
CREATE INDEX summit_sessions_practice ON summit_sessions (practice_id);
