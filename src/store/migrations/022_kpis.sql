-- 022 KPIs, their measurements and service credits (issue 17, docs/delivery.md). A KPI belongs
-- to an engagement; one value per KPI and period (YYYY-MM or YYYY-Qn), replaced by a later
-- submission whose predecessor goes to kpi_measurement_history; the buyer may dispute a value
-- and the provider answer. A missed period of a KPI with a credit percentage owes a service
-- credit, in cents of the engagement's currency, until the buyer applies or waives it.
CREATE TABLE kpis (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	engagement_id BIGINT NOT NULL REFERENCES engagements (id),
	name TEXT NOT NULL,
	unit TEXT NOT NULL DEFAULT '',
	direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
	target DOUBLE PRECISION NOT NULL,
	threshold DOUBLE PRECISION NOT NULL,
	frequency TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly')),
	weight DOUBLE PRECISION NOT NULL DEFAULT 1 CHECK (weight > 0),
	credit_percent DOUBLE PRECISION CHECK (credit_percent IS NULL OR (credit_percent >= 0 AND credit_percent <= 100)),
	created_by BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX kpis_engagement_name ON kpis (engagement_id, lower(name));

CREATE TABLE kpi_measurements (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	engagement_id BIGINT NOT NULL REFERENCES engagements (id),
	kpi_id BIGINT NOT NULL REFERENCES kpis (id),
	period TEXT NOT NULL,
	value DOUBLE PRECISION NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL CHECK (source IN ('form', 'api', 'csv', 'servicenow')),
	submitted_by BIGINT NOT NULL REFERENCES users (id),
	submitted_at TEXT NOT NULL,
	dispute_reason TEXT,
	disputed_by BIGINT REFERENCES users (id),
	disputed_at TEXT,
	dispute_answer TEXT,
	answered_by BIGINT REFERENCES users (id),
	answered_at TEXT,
	UNIQUE (kpi_id, period)
);
CREATE INDEX kpi_measurements_engagement ON kpi_measurements (engagement_id, period);

CREATE TABLE kpi_measurement_history (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	measurement_id BIGINT NOT NULL REFERENCES kpi_measurements (id),
	value DOUBLE PRECISION NOT NULL,
	note TEXT NOT NULL,
	source TEXT NOT NULL,
	submitted_by BIGINT NOT NULL REFERENCES users (id),
	submitted_at TEXT NOT NULL,
	replaced_by BIGINT NOT NULL REFERENCES users (id),
	replaced_at TEXT NOT NULL
);
CREATE INDEX kpi_measurement_history_measurement ON kpi_measurement_history (measurement_id, id);

CREATE TABLE service_credits (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	engagement_id BIGINT NOT NULL REFERENCES engagements (id),
	kpi_id BIGINT NOT NULL REFERENCES kpis (id),
	period TEXT NOT NULL,
	amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
	currency TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'owed' CHECK (status IN ('owed', 'applied', 'waived')),
	reason TEXT NOT NULL DEFAULT '',
	decided_by BIGINT REFERENCES users (id),
	decided_at TEXT,
	created_at TEXT NOT NULL,
	UNIQUE (kpi_id, period)
);
CREATE INDEX service_credits_engagement ON service_credits (engagement_id, status, period);

@KPI_TRUST_TRIGGERS@;
