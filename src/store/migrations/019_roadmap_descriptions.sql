-- 019 roadmap items say what is asked and awards say why (issue 18, docs/summits.md): an item's
-- description (scope, requirements, evaluation criteria; Markdown, rendered safe) that the
-- providers it is shared with read before they bid, and the buyer's written rationale for
-- an award, kept with the award (and so in the audit trail).
ALTER TABLE roadmap_items ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE roadmap_items ADD COLUMN award_rationale TEXT;
