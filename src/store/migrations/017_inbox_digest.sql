-- 017 the daily inbox digest (src/service/digest.c, docs/inbox.md). `accord remind` sends each
-- person at most one digest a day listing the inbox items no earlier digest listed. A digest is
-- claimed (state 'sending', one row per person and day: the primary key makes a second run that
-- day, or a concurrent one, skip the person) before it is sent, with the items it lists; sending
-- marks it 'sent'; a failure deletes the claim and its items, so the next run tries again.
-- An item is its kind and its url (where the person acts on it), listed once per person ever.
CREATE TABLE inbox_digests (
	user_id BIGINT NOT NULL REFERENCES users (id),
	digest_on TEXT NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('sending', 'sent')),
	items BIGINT NOT NULL,
	sent_at TEXT NOT NULL,
	PRIMARY KEY (user_id, digest_on)
);
CREATE TABLE inbox_digest_items (
	user_id BIGINT NOT NULL REFERENCES users (id),
	kind TEXT NOT NULL,
	item_key TEXT NOT NULL,
	digest_on TEXT NOT NULL,
	PRIMARY KEY (user_id, kind, item_key)
);
