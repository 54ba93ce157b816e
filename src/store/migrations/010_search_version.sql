-- 010 search version: one number, raised by the triggers below (the search-triggers marker,
-- in each backend's own words) in the same transaction as any change to what a practice
-- search shows or filters by: practices, their revisions, summit sessions and invitations
-- (which make a practice visible), engagements (which make a customer) and organisations
-- (whose names are shown). A server keeps search answers while it stands (see
-- src/service/search_cache.c). Derived data: accord copy leaves it out.
CREATE TABLE search_version (
	id BIGINT PRIMARY KEY,
	version BIGINT NOT NULL
);
INSERT INTO search_version (id, version) VALUES (1, 0);
@SEARCH_TRIGGERS@;
