-- 020 replies (issue 18, docs/reviews.md and docs/summits.md): conversations both sides finish.
-- issue_replies: the buyer and the provider of a strategic issue's engagement reply to each
-- other under the issue, each reply optionally answering one of the provider's responses
-- (response_id); org_id is the author's organisation, which tells the side. problem_replies:
-- the buyer and ONE responding provider converse under that provider's response to a problem
-- statement, so the thread is as private as the response (its buyer and its author only).
-- strategic_issues.last_post_side is the side of the issue's latest post (the issue itself is
-- the buyer's; a response or a provider's reply makes it 'provider'): the inbox's "issue to
-- answer" and "response to read" read it, because timestamps of a second do not order posts.
CREATE TABLE issue_replies (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	issue_id BIGINT NOT NULL REFERENCES strategic_issues (id),
	response_id BIGINT REFERENCES issue_responses (id),
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	author_id BIGINT NOT NULL REFERENCES users (id),
	body TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX issue_replies_issue ON issue_replies (issue_id, id);

CREATE TABLE problem_replies (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	response_id BIGINT NOT NULL REFERENCES problem_responses (id),
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	author_id BIGINT NOT NULL REFERENCES users (id),
	body TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX problem_replies_response ON problem_replies (response_id, id);

ALTER TABLE strategic_issues ADD COLUMN last_post_side TEXT NOT NULL DEFAULT 'buyer' CHECK (last_post_side IN ('buyer', 'provider'));
UPDATE strategic_issues SET last_post_side = 'provider' WHERE EXISTS (SELECT 1 FROM issue_responses r WHERE r.issue_id = strategic_issues.id);
