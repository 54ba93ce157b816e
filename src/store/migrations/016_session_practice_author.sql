-- 016 a practice reaches a summit only through its author (issue 16, docs/summits.md). Until
-- now the host linked practices to sessions, so a link on a session presented by another
-- organisation was never its author's choice: such links are removed, and the presenter links
-- its practice again if it wants it shown (PATCH /api/v1/sessions/{id}). A provider's session
-- at its own summit, where host and presenter are the author, keeps its link.
UPDATE summit_sessions SET practice_id = NULL WHERE practice_id IS NOT NULL AND presenter_org_id <> host_org_id;
