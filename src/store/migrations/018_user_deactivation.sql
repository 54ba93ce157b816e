-- 018 deactivating a user (issue 18, docs/security.md "Deactivation"): the moment an
-- organisation's manager or an admin deactivated the user, NULL while the user is active. A
-- deactivated user cannot sign in, has no session and no calendar feed, and is offered in no
-- picker; the row stays, so that what the user did keeps its author.
ALTER TABLE users ADD COLUMN deactivated_at TEXT;
