-- 023 (issue 17, docs/performance.md "The CSV import's per-row cost"): the CHECKs that name a
-- list of three or more values — audit_log.action, kpi_measurements.source,
-- service_credits.status — written as comparisons joined by OR. The rule is the same; SQLite
-- (3.40) checks `x IN (a, b, c)` by building a temporary b-tree of the list each time the
-- check runs, and in a trigger (the audit trail's, on every changed row) that is every row:
-- about a fifth of a KPI import's instructions. SQLite cannot alter a CHECK, and making the
-- tables again would copy millions of rows, so its text is changed in the schema table, as
-- SQLite documents for a change that leaves the stored rows valid (lang_altertable.html, "Making
-- other kinds of table schema changes"); the schema is read again at once, and the triggers made
-- below raise the schema cookie for other connections. PostgreSQL keeps its CHECKs: it has no
-- such cost. (No marker is named in these comments: a marker is replaced wherever it stands.)
@CHECKS_WITHOUT_IN@;

-- kpi_measurements' trust triggers made again with a WHEN that asks the connection whether an
-- import holds them (store_trust_hold, store.h): an import then raises the engagement's trust
-- version once, not once per value (about 5% of its instructions). PostgreSQL's stay as they are.
@KPI_TRUST_HELD@;
