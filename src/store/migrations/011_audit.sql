-- 011 audit trail: one row per changed row of every table (docs/audit.md), written by the
-- triggers below in the same transaction as the change, so a change and its audit row are
-- kept or undone together. at is UTC (ISO 8601, seconds). actor_user_id and actor_org_id
-- are the signed-in person and their organisation (NULL for the command line and the
-- system); org_id is the organisation whose row this is, the one that may read it (the
-- actor's). entity is the table, entity_id the row's id (or the first integer column of its
-- primary key; NULL when it has none), action insert, update or delete, and changes JSON:
-- the new values of an insert, the old values of a delete, {column: [old, new]} for the
-- columns an update changed. Secret columns (password and token hashes, CSRF and feed
-- tokens) are written as "[secret]" or "[secret changed]", never their values.
--
-- The audit-triggers marker, expanded by each backend from its catalogue, gives every
-- table its insert, update and delete triggers but those store.h names as left out
-- (derived data, the log itself, the log-in throttle's counters); store_migrate expands it
-- again after any later migration, so a table or column added later is audited too.
-- audit_log itself refuses UPDATE and DELETE (the append-only triggers).
CREATE TABLE audit_log (
	id @PK@,
	at TEXT NOT NULL,
	actor_user_id BIGINT,
	actor_org_id BIGINT,
	org_id BIGINT,
	entity TEXT NOT NULL,
	entity_id BIGINT,
	action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
	changes TEXT NOT NULL
);
CREATE INDEX audit_log_org ON audit_log (org_id, id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
@AUDIT_APPEND_ONLY@;
@AUDIT_TRIGGERS@;
