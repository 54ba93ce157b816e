-- 026 The disputed KPI values nobody has answered yet, indexed by engagement (issue 17): the
-- provider leadership's inbox item `dispute_to_answer` and the navigation's count read them
-- without scanning the millions of values that are not disputed.
CREATE INDEX kpi_measurements_open_dispute ON kpi_measurements (engagement_id) WHERE dispute_reason IS NOT NULL AND dispute_answer IS NULL;
