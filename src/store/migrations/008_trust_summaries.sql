-- 008 trust summaries: each engagement's trust score and review compliance, computed once and
-- kept until its evidence, the day or the model's settings change (src/service/trust.c reads
-- and fills them; the portfolio reads them instead of every review). Derived data: accord
-- copy leaves both tables out, and `accord trust recompute` rebuilds the summaries.
--
-- trust_versions.version is raised by the triggers below (the trust-triggers marker: one set
-- per evidence table, in each backend's own words) in the same transaction as any change to
-- an engagement's reviews, actions, strategic issues and their responses, surveys, accepted
-- suggestions, awarded roadmap items, adoptions, or its own start, mode and title; no row
-- means version 0. It is a table of its own so that a write rewrites a small row, not a
-- summary with its history. A summary is used only while its computed_version is the
-- current version, it was computed today, and with the running model's settings.
CREATE TABLE trust_versions (
	engagement_id BIGINT PRIMARY KEY,
	version BIGINT NOT NULL
);
CREATE TABLE trust_summaries (
	engagement_id BIGINT PRIMARY KEY,
	computed_version BIGINT NOT NULL,
	computed_on TEXT NOT NULL,
	settings TEXT NOT NULL,
	mode TEXT,
	score TEXT,
	raw TEXT,
	review_id BIGINT,
	advice TEXT,
	recommended_mode TEXT,
	sentiment_gap BIGINT,
	scores TEXT,
	compliance TEXT,
	next_due_on TEXT,
	last_held_on TEXT,
	history TEXT,
	explanation TEXT
);
@TRUST_TRIGGERS@;
