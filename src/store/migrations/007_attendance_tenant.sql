-- 007 attendance tenant: each attendance row's buyer_org_id is its engagement's buyer (the
-- table's tenant column, as 002 says); rows written before held the attendee's own organisation.
UPDATE attendance SET buyer_org_id = (SELECT r.buyer_org_id FROM reviews r WHERE r.id = attendance.review_id);
