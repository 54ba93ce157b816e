-- 004 summits: planning and customer summits with invitations, sessions and ratings;
-- providers' prospects; roadmaps with items, explicit shares, suggestions and sealed bids;
-- problem statements and their responses.
-- Tenant column of each table: the organisation that owns the record — the summit's host
-- (host_org_id), the roadmap's buyer (buyer_org_id), the provider keeping prospects.
CREATE TABLE prospects (
	provider_org_id BIGINT NOT NULL REFERENCES orgs (id),
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	added_at TEXT NOT NULL,
	PRIMARY KEY (provider_org_id, org_id)
);

CREATE TABLE summits (
	id @PK@,
	host_org_id BIGINT NOT NULL REFERENCES orgs (id),
	kind TEXT NOT NULL CHECK (kind IN ('buyer-planning', 'provider-customer')),
	title TEXT NOT NULL,
	starts_on TEXT NOT NULL,
	venue TEXT NOT NULL DEFAULT '',
	created_by BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX summits_host ON summits (host_org_id, id);

CREATE TABLE invitations (
	id @PK@,
	host_org_id BIGINT NOT NULL REFERENCES orgs (id),
	summit_id BIGINT NOT NULL REFERENCES summits (id),
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	status TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'accepted', 'declined', 'attended')),
	updated_at TEXT NOT NULL,
	UNIQUE (summit_id, org_id)
);
CREATE INDEX invitations_org ON invitations (org_id, summit_id);

CREATE TABLE summit_sessions (
	id @PK@,
	host_org_id BIGINT NOT NULL REFERENCES orgs (id),
	summit_id BIGINT NOT NULL REFERENCES summits (id),
	kind TEXT NOT NULL CHECK (kind IN ('roadmap', 'showcase', 'best-practice')),
	title TEXT NOT NULL,
	presenter_org_id BIGINT NOT NULL REFERENCES orgs (id),
	roadmap_id BIGINT,
	practice_id BIGINT,
	created_at TEXT NOT NULL
);
CREATE INDEX summit_sessions_summit ON summit_sessions (summit_id, id);
CREATE INDEX summit_sessions_roadmap ON summit_sessions (roadmap_id);

CREATE TABLE session_ratings (
	session_id BIGINT NOT NULL REFERENCES summit_sessions (id),
	user_id BIGINT NOT NULL REFERENCES users (id),
	host_org_id BIGINT NOT NULL REFERENCES orgs (id),
	rating BIGINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
	comment TEXT NOT NULL DEFAULT '',
	rated_at TEXT NOT NULL,
	PRIMARY KEY (session_id, user_id)
);

CREATE TABLE roadmaps (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	unit_id BIGINT NOT NULL REFERENCES units (id),
	fiscal_year BIGINT NOT NULL,
	title TEXT NOT NULL,
	budget BIGINT NOT NULL CHECK (budget >= 0),
	created_by BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	UNIQUE (unit_id, fiscal_year)
);
CREATE INDEX roadmaps_buyer ON roadmaps (buyer_org_id, id);

CREATE TABLE roadmap_items (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	roadmap_id BIGINT NOT NULL REFERENCES roadmaps (id),
	title TEXT NOT NULL,
	budget BIGINT NOT NULL CHECK (budget >= 0),
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'awarded', 'closed')),
	bid_deadline TEXT,
	awarded_bid_id BIGINT,
	engagement_id BIGINT REFERENCES engagements (id),
	created_at TEXT NOT NULL
);
CREATE INDEX roadmap_items_roadmap ON roadmap_items (roadmap_id, id);

CREATE TABLE roadmap_shares (
	roadmap_id BIGINT NOT NULL REFERENCES roadmaps (id),
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	shared_at TEXT NOT NULL,
	PRIMARY KEY (roadmap_id, org_id)
);
CREATE INDEX roadmap_shares_org ON roadmap_shares (org_id);

CREATE TABLE suggestions (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	item_id BIGINT NOT NULL REFERENCES roadmap_items (id),
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	body TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'rejected')),
	note TEXT NOT NULL DEFAULT '',
	author_id BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	decided_on TEXT
);
CREATE INDEX suggestions_item ON suggestions (item_id, org_id);

-- One bid per provider and item; withdrawn bids stay as a row with status 'withdrawn'.
CREATE TABLE bids (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	item_id BIGINT NOT NULL REFERENCES roadmap_items (id),
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	amount BIGINT NOT NULL CHECK (amount >= 0),
	proposal TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'withdrawn', 'shortlisted', 'won', 'lost')),
	submitted_by BIGINT NOT NULL REFERENCES users (id),
	updated_at TEXT NOT NULL,
	UNIQUE (item_id, org_id)
);

CREATE TABLE problems (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	title TEXT NOT NULL,
	body TEXT NOT NULL DEFAULT '',
	engagement_id BIGINT REFERENCES engagements (id),
	summit_id BIGINT REFERENCES summits (id),
	created_by BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX problems_buyer ON problems (buyer_org_id, id);

CREATE TABLE problem_responses (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	problem_id BIGINT NOT NULL REFERENCES problems (id),
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	body TEXT NOT NULL,
	practice_id BIGINT,
	status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'useful', 'selected')),
	author_id BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX problem_responses_problem ON problem_responses (problem_id, org_id);
