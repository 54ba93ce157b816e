-- 008 trust summaries: each engagement's trust score and review compliance, computed once and
-- kept until its evidence, the day or the model's settings change (src/service/trust.c reads
-- and fills it; the portfolio reads it instead of every review).
-- Derived data: accord copy leaves it out, and `accord trust recompute` rebuilds it.
--
-- version is raised by the triggers below (the trust-triggers marker: one set per evidence
-- table, in each backend's own words) in the same transaction as any change to the engagement's reviews,
-- actions, strategic issues and their responses, surveys, accepted suggestions, awarded
-- roadmap items, adoptions, or its own start, mode and title. A summary is used only while
-- computed_version = version, computed_on is today and settings are the running model's.
CREATE TABLE trust_summaries (
	engagement_id BIGINT PRIMARY KEY,
	version BIGINT NOT NULL DEFAULT 0,
	computed_version BIGINT,
	computed_on TEXT,
	settings TEXT,
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
