-- 005 awards: the day an item was awarded, so an award counts as value in the trust window it falls in.
ALTER TABLE roadmap_items ADD COLUMN awarded_on TEXT;
