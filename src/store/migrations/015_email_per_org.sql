-- 015 e-mail per organisation: an e-mail address is unique within an organisation, no longer
-- across the platform, so that creating a user cannot tell a manager whether the address is
-- registered with another tenant (docs/security.md, "E-mail checks"). Signing in by e-mail
-- tries the password against each account with that address (service/auth.c).
-- @USERS_EMAIL_PER_ORG@ swaps the platform-wide UNIQUE (email) for UNIQUE (org_id, email):
-- PostgreSQL drops the constraint; SQLite, which cannot drop a column's constraint, makes the
-- table again with the same columns and ids (the audit triggers are made again after every
-- migration, store_migrate).
@USERS_EMAIL_PER_ORG@;
CREATE INDEX users_email ON users (email, id);
