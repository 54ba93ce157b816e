-- 021 contract dates and obligations (issue 17, docs/delivery.md): what an engagement is worth
-- and costs a month (in cents of its currency; NULL while not recorded), how many days' notice
-- end it and how it renews; and the register of obligations each side owes the other. An
-- obligation is open until someone with the right records it met (with evidence), missed or
-- waived (with a reason); a recurring one then opens its next occurrence. Renewal reminders
-- go through the reminders table (kind 'renewal_30:<notice date>' or 'renewal_notice:<date>').
ALTER TABLE engagements ADD COLUMN contract_value_cents BIGINT CHECK (contract_value_cents IS NULL OR contract_value_cents >= 0);
ALTER TABLE engagements ADD COLUMN monthly_charge_cents BIGINT CHECK (monthly_charge_cents IS NULL OR monthly_charge_cents >= 0);
ALTER TABLE engagements ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD';
ALTER TABLE engagements ADD COLUMN notice_days INTEGER CHECK (notice_days IS NULL OR notice_days >= 0);
ALTER TABLE engagements ADD COLUMN renewal TEXT NOT NULL DEFAULT 'none' CHECK (renewal IN ('none', 'option', 'automatic'));

CREATE TABLE obligations (
	id @PK@,
	buyer_org_id BIGINT NOT NULL REFERENCES orgs (id),
	engagement_id BIGINT NOT NULL REFERENCES engagements (id),
	title TEXT NOT NULL,
	owed_by TEXT NOT NULL CHECK (owed_by IN ('buyer', 'provider')),
	due_on TEXT NOT NULL,
	recurrence TEXT NOT NULL DEFAULT 'none' CHECK (recurrence IN ('none', 'monthly', 'quarterly', 'annual')),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'missed', 'waived')),
	evidence TEXT NOT NULL DEFAULT '',
	reason TEXT NOT NULL DEFAULT '',
	decided_by BIGINT REFERENCES users (id),
	decided_at TEXT,
	created_by BIGINT NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX obligations_engagement ON obligations (engagement_id, due_on, id);
CREATE INDEX obligations_open ON obligations (buyer_org_id, status, due_on);

@OBLIGATION_TRUST_TRIGGERS@;
