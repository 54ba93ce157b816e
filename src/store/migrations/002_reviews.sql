-- 002 reviews: governance mandates, business reviews with attendance, action items,
-- strategic issues with the provider's responses, and the reminders sent.
-- Tenant column of each table: buyer_org_id (the engagement's buyer owns its governance record).
CREATE TABLE mandates (
	engagement_id BIGINT PRIMARY KEY REFERENCES engagements (id),
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	cadence TEXT NOT NULL CHECK (cadence IN ('quarterly', 'half-yearly', 'annual')),
	required_roles BIGINT NOT NULL,
	grace_days BIGINT NOT NULL CHECK (grace_days >= 0),
	set_by BIGINT NOT NULL REFERENCES users (id),
	set_at TEXT NOT NULL
);

-- required_roles and grace_days are the mandate's as it stood when the review was planned,
-- so re-planning the future never rewrites how a past review is judged.
-- present_roles is the union of the roles of the attendees marked present.
CREATE TABLE reviews (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	engagement_id BIGINT NOT NULL REFERENCES engagements (id),
	due_on TEXT NOT NULL,
	held_on TEXT,
	state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'held', 'cancelled')),
	cancel_reason TEXT NOT NULL DEFAULT '',
	adhoc BIGINT NOT NULL DEFAULT 0,
	required_roles BIGINT NOT NULL DEFAULT 0,
	grace_days BIGINT NOT NULL DEFAULT 0,
	present_roles BIGINT NOT NULL DEFAULT 0,
	agenda TEXT NOT NULL DEFAULT '',
	minutes TEXT NOT NULL DEFAULT '',
	decisions TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX reviews_engagement ON reviews (engagement_id, due_on);
CREATE INDEX reviews_buyer ON reviews (buyer_org_id, engagement_id);

CREATE TABLE attendance (
	review_id BIGINT NOT NULL REFERENCES reviews (id),
	user_id BIGINT NOT NULL REFERENCES users (id),
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	present BIGINT NOT NULL,
	roles BIGINT NOT NULL,
	PRIMARY KEY (review_id, user_id)
);
CREATE INDEX attendance_user ON attendance (user_id);

CREATE TABLE actions (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	engagement_id BIGINT NOT NULL REFERENCES engagements (id),
	review_id BIGINT NOT NULL REFERENCES reviews (id),
	title TEXT NOT NULL,
	owner_id BIGINT NOT NULL REFERENCES users (id),
	due_on TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
	created_by BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX actions_review ON actions (review_id, id);
CREATE INDEX actions_engagement ON actions (engagement_id, id);
CREATE INDEX actions_owner ON actions (owner_id, status, due_on);

CREATE TABLE strategic_issues (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	engagement_id BIGINT NOT NULL REFERENCES engagements (id),
	review_id BIGINT REFERENCES reviews (id),
	kind TEXT NOT NULL CHECK (kind IN ('issue', 'plan', 'imperative')),
	title TEXT NOT NULL,
	body TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'addressed', 'closed')),
	created_by BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX strategic_issues_engagement ON strategic_issues (engagement_id, id);

-- practice_id points into the practice library once it exists (issue 6); no reference yet.
CREATE TABLE issue_responses (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	issue_id BIGINT NOT NULL REFERENCES strategic_issues (id),
	body TEXT NOT NULL,
	practice_id BIGINT,
	author_id BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX issue_responses_issue ON issue_responses (issue_id, id);

-- One row per reminder ever sent: kind, subject (review or action) and person. The primary
-- key is what makes "never twice" hold, across processes and servers.
CREATE TABLE reminders (
	kind TEXT NOT NULL,
	subject_id BIGINT NOT NULL,
	user_id BIGINT NOT NULL REFERENCES users (id),
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	state TEXT NOT NULL CHECK (state IN ('sending', 'sent')),
	sent_at TEXT NOT NULL,
	PRIMARY KEY (kind, subject_id, user_id)
);
