-- 014 events: the outbox (src/service/events.c). A change that others must hear of writes
-- one row per organisation to be told, in the same transaction as the change; e-mail
-- (accord remind), the inbox and, later, webhooks and digests read it. buyer_org_id is the
-- tenant whose change it is, org_id the organisation the event is for (the one that may
-- read it); subject and subject_id name the row it is about (a table and its id); payload
-- is JSON, holding only what org_id may see anyway. Derived from audited changes, the
-- outbox itself is not audited (store.h, AUDIT_UNAUDITED): its rows would tell a buyer who
-- has bid before its deadline.
CREATE TABLE events (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	org_id BIGINT NOT NULL REFERENCES orgs (id),
	kind TEXT NOT NULL,
	subject TEXT NOT NULL,
	subject_id BIGINT NOT NULL,
	payload TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX events_org ON events (org_id, id);
CREATE INDEX events_subject ON events (subject, subject_id, id);
