-- 001 spine: organisations, business units, users, engagements with mode history, sessions, log-in throttling.
-- Tenant column of each table (the owning organisation): orgs.id, units.org_id, users.org_id,
-- engagements.buyer_org_id, engagement_modes.buyer_org_id, sessions.org_id, login_failures: none (platform-wide).
CREATE TABLE orgs (
	id @PK@,
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind IN ('buyer', 'provider', 'platform')),
	industry TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);

CREATE TABLE users (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	email TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	roles BIGINT NOT NULL,
	password_hash TEXT NOT NULL,
	feed_token TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);
CREATE INDEX users_org ON users (org_id, id);

CREATE TABLE units (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	name TEXT NOT NULL,
	cio_user_id BIGINT REFERENCES users (id),
	created_at TEXT NOT NULL,
	UNIQUE (org_id, name)
);

CREATE TABLE engagements (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	provider_org_id BIGINT NOT NULL REFERENCES orgs (id),
	title TEXT NOT NULL,
	service_line TEXT NOT NULL CHECK (service_line IN ('IT', 'ITES', 'BPO')),
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,
	contract_manager_id BIGINT NOT NULL REFERENCES users (id),
	mode TEXT NOT NULL DEFAULT 'vendor' CHECK (mode IN ('vendor', 'partnership')),
	gov_strategic TEXT NOT NULL CHECK (gov_strategic IN ('buyer', 'provider', 'joint')),
	gov_tactical TEXT NOT NULL CHECK (gov_tactical IN ('buyer', 'provider', 'joint')),
	gov_operations TEXT NOT NULL CHECK (gov_operations IN ('buyer', 'provider', 'joint')),
	created_by BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX engagements_buyer ON engagements (buyer_org_id, id);
CREATE INDEX engagements_provider ON engagements (provider_org_id, id);

CREATE TABLE engagement_modes (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	engagement_id BIGINT NOT NULL REFERENCES engagements (id),
	mode TEXT NOT NULL CHECK (mode IN ('vendor', 'partnership')),
	reason TEXT NOT NULL DEFAULT '',
	changed_by BIGINT NOT NULL REFERENCES users (id),
	changed_at TEXT NOT NULL
);
CREATE INDEX engagement_modes_engagement ON engagement_modes (engagement_id, id);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	user_id BIGINT NOT NULL REFERENCES users (id),
	kind TEXT NOT NULL CHECK (kind IN ('api', 'web')),
	csrf TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE login_failures (
	key TEXT PRIMARY KEY,
	failures BIGINT NOT NULL,
	first_at BIGINT NOT NULL,
	last_at BIGINT NOT NULL
);
