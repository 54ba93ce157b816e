/* test_scorecard: the scorecard's window and "missed since" rules by hand, then an engagement's scorecard, the portfolio and credit decisions on a small fixture in the store whose attainment is worked out by hand. */
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../harness.h"
#include "domain/scorecard.h"
#include "service/credit_decisions.h"
#include "service/demo.h"
#include "service/scorecard.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/jsonw.h"

static struct store *S;
static char dir[64], dbpath[256];

static struct date D(int y, int m, int d)
{
	struct date r = {y, m, d};
	return r;
}

static const char *F(struct date d)
{
	static char out[4][11];
	static int k;

	k = (k + 1) % 4;
	date_format(d, out[k]);
	return out[k];
}

/* ---- The window ---- */

static void bounds_read_periods_and_dates(void)
{
	struct date d;

	CHECK(score_bound_parse("2026-03", false, &d));
	CHECK_STR(F(d), "2026-03-01");
	CHECK(score_bound_parse("2026-03", true, &d));
	CHECK_STR(F(d), "2026-03-31");
	CHECK(score_bound_parse("2024-02", true, &d));
	CHECK_STR(F(d), "2024-02-29");
	CHECK(score_bound_parse("2026-Q2", false, &d));
	CHECK_STR(F(d), "2026-04-01");
	CHECK(score_bound_parse("2026-Q2", true, &d));
	CHECK_STR(F(d), "2026-06-30");
	CHECK(score_bound_parse("2026-03-15", true, &d));
	CHECK_STR(F(d), "2026-03-15");
	CHECK(!score_bound_parse("2026-13", false, &d));
	CHECK(!score_bound_parse("2026-Q5", false, &d));
	CHECK(!score_bound_parse("2026-02-30", false, &d));
	CHECK(!score_bound_parse("", false, &d));
	CHECK(!score_bound_parse("march", false, &d));
	CHECK(!score_bound_parse(NULL, false, &d));
}

static void window_defaults_and_errors(void)
{
	struct score_window w;
	struct error err = {0};

	/* No bounds: the 12 months up to today, the current month included. */
	CHECK(score_window_read(NULL, NULL, D(2026, 11, 26), &w, &err));
	CHECK_STR(F(w.from), "2025-12-01");
	CHECK_STR(F(w.to), "2026-11-26");
	/* Only to: 12 months ending with to's month. */
	CHECK(score_window_read("", "2026-06", D(2026, 11, 26), &w, &err));
	CHECK_STR(F(w.from), "2025-07-01");
	CHECK_STR(F(w.to), "2026-06-30");
	/* Only from: up to today. */
	CHECK(score_window_read("2026-Q3", NULL, D(2026, 11, 26), &w, &err));
	CHECK_STR(F(w.from), "2026-07-01");
	CHECK_STR(F(w.to), "2026-11-26");
	/* Each bad bound names its field. */
	CHECK(!score_window_read("2026-13", NULL, D(2026, 11, 26), &w, &err));
	CHECK_INT(err.status, 422);
	CHECK_STR(err.field, "from");
	CHECK(!score_window_read(NULL, "soon", D(2026, 11, 26), &w, &err));
	CHECK_STR(err.field, "to");
	CHECK(!score_window_read("2026-05", "2026-03", D(2026, 11, 26), &w, &err));
	CHECK_STR(err.field, "from");
	CHECK(strstr(err.message, "after") != NULL);
	/* One day is a window; 120 months is the most. */
	CHECK(score_window_read("2026-03-15", "2026-03-15", D(2026, 11, 26), &w, &err));
	CHECK(score_window_read("2016-12", "2026-11", D(2026, 11, 26), &w, &err));
	CHECK(!score_window_read("2016-11", "2026-11", D(2026, 11, 26), &w, &err));
	CHECK_STR(err.field, "to");
}

static void window_clipped_to_term_and_today(void)
{
	struct score_window w = {D(2025, 12, 1), D(2026, 12, 31)}, out;
	struct kpi_period first, last;
	char a[8], b[8];

	CHECK(score_window_clip(w, D(2026, 1, 15), D(2028, 1, 14), D(2026, 11, 26), &out));
	CHECK_STR(F(out.from), "2026-01-15");
	CHECK_STR(F(out.to), "2026-11-26");
	score_window_periods(out, KPI_MONTHLY, &first, &last);
	kpi_period_format(first, a);
	kpi_period_format(last, b);
	CHECK_STR(a, "2026-01");
	CHECK_STR(b, "2026-11");
	CHECK_INT(last.index - first.index + 1, 11);
	score_window_periods(out, KPI_QUARTERLY, &first, &last);
	kpi_period_format(first, a);
	kpi_period_format(last, b);
	CHECK_STR(a, "2026-Q1");
	CHECK_STR(b, "2026-Q4");
	/* A term that ended before the window: nothing to list. */
	CHECK(!score_window_clip(w, D(2020, 1, 1), D(2024, 12, 31), D(2026, 11, 26), &out));
	/* A window wholly in the future. */
	CHECK(!score_window_clip((struct score_window){D(2027, 1, 1), D(2027, 3, 1)}, D(2020, 1, 1), D(2030, 1, 1), D(2026, 11, 26), &out));
}

static void missed_since_runs(void)
{
	enum kpi_status a[] = {KPI_MET, KPI_AT_RISK, KPI_MISSED, KPI_UNKNOWN, KPI_MISSED, KPI_UNKNOWN};
	enum kpi_status b[] = {KPI_MISSED, KPI_MISSED, KPI_MET};
	enum kpi_status c[] = {KPI_MISSED, KPI_MISSED, KPI_MISSED};
	enum kpi_status d[] = {KPI_UNKNOWN, KPI_UNKNOWN};
	enum kpi_status e[] = {KPI_MET, KPI_MISSED, KPI_AT_RISK, KPI_MISSED};

	CHECK_INT(score_missed_since(a, 6), 2); /* the gap at 3 neither breaks the run nor starts it */
	CHECK_INT(score_missed_since(b, 3), -1); /* met in the latest known period: not missed now */
	CHECK_INT(score_missed_since(c, 3), 0);
	CHECK_INT(score_missed_since(d, 2), -1); /* no data is not a miss */
	CHECK_INT(score_missed_since(e, 4), 3); /* at risk breaks a run */
	CHECK_INT(score_missed_since(a, 0), -1);
}

/* ---- The fixture in the store ---- */

static int int_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].type == SQL_NULL ? -1 : c[0].i;
	return 0;
}

static long long one(const char *sql, const struct sqlval *a, int n)
{
	long long v = -2;
	struct error err = {0};

	if (store_query(S, sql, a, n, int_cb, &v, &err) < 0) {
		fprintf(stderr, "%s: %s\n", sql, err.message);
		return -3;
	}
	return v;
}

static long long buyer, provider, cm, lead, eng, kpi_up, kpi_resp, credit_aug, credit_oct, credit_mar;

static long long kpi(const char *name, const char *direction, double target, double threshold, double weight, const char *credit)
{
	char sql[600];

	snprintf(sql, sizeof sql,
		 "INSERT INTO kpis (buyer_org_id, engagement_id, name, unit, direction, target, threshold, frequency, weight, credit_percent, created_by, created_at) "
		 "VALUES (%lld, %lld, '%s', 'u', '%s', %g, %g, 'monthly', %g, %s, %lld, '2026-05-01T00:00:00Z') RETURNING id",
		 buyer, eng, name, direction, target, threshold, weight, credit, cm);
	return one(sql, NULL, 0);
}

static void value(long long k, const char *period, double v, bool disputed)
{
	char sql[700];

	snprintf(sql, sizeof sql,
		 "INSERT INTO kpi_measurements (buyer_org_id, engagement_id, kpi_id, period, value, note, source, submitted_by, submitted_at, dispute_reason, disputed_by, disputed_at) "
		 "VALUES (%lld, %lld, %lld, '%s', %g, 'n', 'api', %lld, '2026-11-02T08:00:00Z', %s, %s, %s) RETURNING id",
		 buyer, eng, k, period, v, lead, disputed ? "'too few samples'" : "NULL", disputed ? "2" : "NULL", disputed ? "'2026-11-03T08:00:00Z'" : "NULL");
	CHECK(one(sql, NULL, 0) > 0);
}

static long long credit(long long k, const char *period, long long cents, const char *status)
{
	char sql[500];

	snprintf(sql, sizeof sql,
		 "INSERT INTO service_credits (buyer_org_id, engagement_id, kpi_id, period, amount_cents, currency, status, created_at) "
		 "VALUES (%lld, %lld, %lld, '%s', %lld, 'EUR', '%s', '2026-11-02T08:00:00Z') RETURNING id",
		 buyer, eng, k, period, cents, status);
	return one(sql, NULL, 0);
}

/*
 * Northwind buys "Scorecard fixture" from Kestrel (EUR, from 2026-06-01). Uptime (higher,
 * target 99.9, threshold 99.5, weight 2) and Response (lower, target 4, threshold 8, weight 1):
 *
 *            06        07         08         09                10     11
 *   Uptime   99.95 met 99.7 risk  99.2 miss  —                 99.0 miss  —
 *   Response 3 met     9 miss     5 risk     2 met (disputed)  4 met  —
 */
static bool fixture(void)
{
	struct sqlval a[1];
	char sql[700];

	a[0] = SQL_T("Northwind Bank");
	buyer = one("SELECT id FROM orgs WHERE name = ?", a, 1);
	a[0] = SQL_T("Kestrel IT Services");
	provider = one("SELECT id FROM orgs WHERE name = ?", a, 1);
	a[0] = SQL_T("tom.okafor@northwind.example");
	cm = one("SELECT id FROM users WHERE email = ?", a, 1);
	a[0] = SQL_T("anil.mehta@kestrel.example");
	lead = one("SELECT id FROM users WHERE email = ?", a, 1);
	if (buyer <= 0 || provider <= 0 || cm <= 0 || lead <= 0)
		return false;
	snprintf(sql, sizeof sql,
		 "INSERT INTO engagements (buyer_org_id, provider_org_id, title, service_line, starts_on, ends_on, contract_manager_id, mode, gov_strategic, gov_tactical, gov_operations, created_by, created_at, acceptance, currency, monthly_charge_cents) "
		 "VALUES (%lld, %lld, 'Scorecard fixture', 'IT', '2026-06-01', '2028-05-31', %lld, 'vendor', 'joint', 'joint', 'joint', %lld, '2026-05-01T00:00:00Z', 'accepted', 'EUR', 10000000) RETURNING id",
		 buyer, provider, cm, cm);
	eng = one(sql, NULL, 0);
	kpi_up = kpi("Uptime", "higher", 99.9, 99.5, 2, "2");
	kpi_resp = kpi("Response", "lower", 4, 8, 1, "NULL");
	if (eng <= 0 || kpi_up <= 0 || kpi_resp <= 0)
		return false;
	value(kpi_up, "2026-06", 99.95, false);
	value(kpi_up, "2026-07", 99.7, false);
	value(kpi_up, "2026-08", 99.2, false);
	value(kpi_up, "2026-10", 99.0, false);
	value(kpi_resp, "2026-06", 3, false);
	value(kpi_resp, "2026-07", 9, false);
	value(kpi_resp, "2026-08", 5, false);
	value(kpi_resp, "2026-09", 2, true);
	value(kpi_resp, "2026-10", 4, false);
	/* 2% of EUR 100,000.00 a month is EUR 2,000.00 per missed month. */
	credit_aug = credit(kpi_up, "2026-08", 200000, "owed");
	credit_oct = credit(kpi_up, "2026-10", 200000, "owed");
	credit_mar = credit(kpi_up, "2026-05", 200000, "applied"); /* before the window */
	return credit_aug > 0 && credit_oct > 0 && credit_mar > 0;
}

static json_t *kpi_named(json_t *sc, const char *name)
{
	size_t i;
	json_t *k;

	json_array_foreach(json_object_get(sc, "kpis"), i, k) if (!strcmp(json_string_value(json_object_get(k, "name")), name)) return k;
	return NULL;
}

static double attainment(json_t *o)
{
	json_t *a = json_object_get(o, "attainment");

	return json_is_number(a) ? json_number_value(a) : -1;
}

static const char *period_status(json_t *k, const char *period, const char *key)
{
	size_t i;
	json_t *p;

	json_array_foreach(json_object_get(k, "periods"), i, p) if (!strcmp(json_string_value(json_object_get(p, "period")), period)) return json_string_value(json_object_get(p, key));
	return "(absent)";
}

static void engagement_scorecard_by_hand(void)
{
	struct score_window w;
	struct error err = {0};
	json_t *sc, *up, *resp, *owed;

	CHECK(score_window_read("2026-06", "2026-12", D(2026, 11, 26), &w, &err));
	sc = scorecard_json(S, eng, w, &err);
	CHECK(sc != NULL);
	if (!sc)
		return;
	up = kpi_named(sc, "Uptime");
	resp = kpi_named(sc, "Response");
	CHECK(up && resp);
	if (!up || !resp)
		goto out;
	/* Six months are listed (June to November: December is still to come), the gaps as unknown. */
	CHECK_INT(json_array_size(json_object_get(up, "periods")), 6);
	CHECK_STR(period_status(up, "2026-09", "status"), "unknown");
	CHECK_STR(period_status(up, "2026-11", "status"), "unknown");
	CHECK_STR(period_status(up, "2026-12", "status"), "(absent)");
	CHECK(json_is_null(json_object_get(json_array_get(json_object_get(up, "periods"), 3), "value")));
	/* Uptime: met, at risk, missed, missed over 4 known months: (1 + 0.5) / 4. */
	CHECK(fabs(attainment(up) - 0.375) < 1e-9);
	CHECK_INT(json_integer_value(json_object_get(up, "missed")), 2);
	CHECK_INT(json_integer_value(json_object_get(up, "unknown")), 2);
	CHECK_STR(json_string_value(json_object_get(up, "missed_since")), "2026-08");
	/* Response: the disputed "met" of September counts as at risk: (2 + 0.5 + 0.5) / 5. */
	CHECK_STR(period_status(resp, "2026-09", "status"), "met");
	CHECK_STR(period_status(resp, "2026-09", "counted"), "at_risk");
	CHECK(json_is_true(json_object_get(json_array_get(json_object_get(resp, "periods"), 3), "disputed")));
	CHECK_STR(period_status(resp, "2026-09", "dispute_reason"), "too few samples");
	CHECK_STR(period_status(resp, "2026-06", "submitted_by"), "Anil Mehta");
	CHECK(fabs(attainment(resp) - 0.6) < 1e-9);
	CHECK(json_is_null(json_object_get(resp, "missed_since")));
	/* Overall, weighted: (2 × 1.5 + 1 × 3) / (2 × 4 + 1 × 5) = 6 / 13. */
	CHECK(fabs(attainment(sc) - 6.0 / 13) < 1e-9);
	CHECK_INT(json_integer_value(json_object_get(sc, "kpis_missed")), 2);
	/* The window's credits: two owed months of Uptime, with their currency; March's is outside. */
	owed = json_object_get(json_object_get(up, "credits"), "owed");
	CHECK_INT(json_array_size(owed), 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(owed, 0), "text")), "EUR 4,000.00");
	CHECK_INT(json_array_size(json_object_get(json_object_get(sc, "credits"), "applied")), 0);
	CHECK_INT(json_array_size(json_object_get(json_object_get(sc, "credits"), "items")), 2);
out:
	json_decref(sc);
}

static void no_value_is_never_met(void)
{
	struct score_window w;
	struct error err = {0};
	json_t *sc;

	/* A window with no value at all: every period unknown, attainment unknown (null), never 100%. */
	CHECK(score_window_read("2026-11", "2026-11", D(2026, 11, 26), &w, &err));
	sc = scorecard_json(S, eng, w, &err);
	CHECK(sc != NULL);
	CHECK(json_is_null(json_object_get(sc, "attainment")));
	CHECK_INT(json_integer_value(json_object_get(sc, "unknown")), 2);
	CHECK_INT(json_integer_value(json_object_get(sc, "met")), 0);
	json_decref(sc);
}

static json_t *portfolio_row(json_t *p, long long id)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(p, "items"), i, x) if (json_integer_value(json_object_get(x, "engagement_id")) == id) return x;
	return NULL;
}

static void credits_listed_with_totals(void)
{
	struct error err = {0};
	json_t *l = credits_json(S, eng, &err), *totals;

	CHECK(l != NULL);
	if (!l)
		return;
	totals = json_object_get(l, "totals");
	CHECK_INT(json_array_size(json_object_get(l, "items")), 3);
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(totals, "owed"), 0), "text")), "EUR 4,000.00");
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(totals, "applied"), 0), "text")), "EUR 2,000.00");
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(l, "items"), 0), "amount")), "EUR 2,000.00");
	json_decref(l);
	/* The portfolio's owed credits, summed per currency before any decision. */
	{
		struct caller c = {0};
		struct score_window w;
		json_t *p, *row;

		c.org_id = buyer;
		c.org_kind = ORG_BUYER;
		CHECK(score_window_read(NULL, NULL, D(2026, 11, 26), &w, &err));
		p = scorecard_portfolio_json(S, &c, w, &err);
		row = p ? portfolio_row(p, eng) : NULL;
		CHECK(row != NULL);
		CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(row, "credits_owed"), 0), "text")), "EUR 4,000.00");
		CHECK_INT(json_integer_value(json_object_get(json_array_get(json_object_get(row, "credits_owed"), 0), "count")), 2);
		json_decref(p);
	}
}

static const char *credit_status(long long id)
{
	static char s[16];
	json_t *c = credit_get_json(S, id);

	snprintf(s, sizeof s, "%s", c ? json_string_value(json_object_get(c, "status")) : "(none)");
	json_decref(c);
	return s;
}

static void credit_decisions(void)
{
	struct caller c = {0};
	struct error err = {0};
	json_t *x;

	c.user_id = cm;
	c.org_id = buyer;
	c.org_kind = ORG_BUYER;
	/* A waiver without a reason (or with blanks only) is refused, naming reason, and writes nothing. */
	CHECK_INT(credit_decide(S, &c, credit_aug, "waived", NULL, &err), -1);
	CHECK_INT(err.status, 422);
	CHECK_STR(err.field, "reason");
	CHECK_INT(credit_decide(S, &c, credit_aug, "waived", "  ", &err), -1);
	CHECK_STR(err.field, "reason");
	CHECK_INT(credit_decide(S, &c, credit_aug, "owed", "x", &err), -1);
	CHECK_STR(err.field, "status");
	CHECK_STR(credit_status(credit_aug), "owed");
	/* Waived with a reason: recorded with who decided. */
	CHECK_INT(credit_decide(S, &c, credit_aug, "waived", "Planned maintenance agreed in advance", &err), 0);
	x = credit_get_json(S, credit_aug);
	CHECK_STR(json_string_value(json_object_get(x, "status")), "waived");
	CHECK_STR(json_string_value(json_object_get(x, "reason")), "Planned maintenance agreed in advance");
	CHECK_STR(json_string_value(json_object_get(x, "decided_by_name")), "Tom Okafor");
	json_decref(x);
	/* Only an owed credit is decided: a second decision is a conflict, and changes nothing. */
	CHECK_INT(credit_decide(S, &c, credit_aug, "applied", NULL, &err), -1);
	CHECK_INT(err.status, 409);
	CHECK_STR(credit_status(credit_aug), "waived");
	CHECK_INT(credit_decide(S, &c, credit_mar, "waived", "late", &err), -1);
	CHECK_INT(err.status, 409);
	/* Applied needs no reason. */
	CHECK_INT(credit_decide(S, &c, credit_oct, "applied", NULL, &err), 0);
	CHECK_STR(credit_status(credit_oct), "applied");
}

static void portfolio_both_sides(void)
{
	struct caller c = {0};
	struct score_window w;
	struct error err = {0};
	json_t *p, *row;

	CHECK(score_window_read("2026-06", "2026-11", D(2026, 11, 26), &w, &err));
	c.user_id = cm;
	c.org_id = buyer;
	c.org_kind = ORG_BUYER;
	p = scorecard_portfolio_json(S, &c, w, &err);
	CHECK(p != NULL);
	row = portfolio_row(p, eng);
	CHECK(row != NULL);
	if (row) {
		CHECK(fabs(attainment(row) - 6.0 / 13) < 1e-9);
		CHECK_INT(json_integer_value(json_object_get(row, "kpis_missed")), 2);
		CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(row, "missed_kpis"), 0), "missed_since")), "2026-08");
		/* Both owed credits were decided: nothing owed now. */
		CHECK_INT(json_array_size(json_object_get(row, "credits_owed")), 0);
	}
	json_decref(p);
	/* The provider sees the same engagement from its side; another buyer does not. */
	c.user_id = lead;
	c.org_id = provider;
	c.org_kind = ORG_PROVIDER;
	p = scorecard_portfolio_json(S, &c, w, &err);
	CHECK(p && portfolio_row(p, eng) != NULL);
	json_decref(p);
	{
		struct sqlval a[1] = {SQL_T("Meridian Retail")};

		c.org_id = one("SELECT id FROM orgs WHERE name = ?", a, 1);
	}
	c.org_kind = ORG_BUYER;
	p = scorecard_portfolio_json(S, &c, w, &err);
	CHECK(p && portfolio_row(p, eng) == NULL);
	json_decref(p);
}

/* The answer the API streams (scorecard_write) against json_dumps of the tree the pages read (scorecard_to_json): the same bytes. */
static void check_streamed(long long id, struct score_window w, const char *what)
{
	struct scorecard sc;
	struct error err = {0};
	struct buf b;
	struct jsonw jw;
	json_t *tree;
	char *want;

	if (scorecard_read(S, id, w, &sc, &err) != 0) {
		CHECK(!"scorecard_read");
		scorecard_free(&sc);
		return;
	}
	buf_init(&b, 0);
	jsonw_init(&jw, &b);
	scorecard_write(&sc, &jw);
	tree = scorecard_to_json(&sc);
	want = json_dumps(tree, JSON_COMPACT);
	if (!want || strcmp(b.data, want) != 0) {
		fprintf(stderr, "%s: streamed and tree differ\n  %s\n  %s\n", what, b.data, want ? want : "(null)");
		CHECK(!"streamed == tree");
	}
	free(want);
	json_decref(tree);
	buf_release(&b);
	scorecard_free(&sc);
}

static const char *missed_since_of(json_t *sc, const char *kpi)
{
	json_t *k = kpi_named(sc, kpi), *m = json_object_get(k, "missed_since");

	return !k ? "(no kpi)" : json_is_string(m) ? json_string_value(m) : "null";
}

/*
 * A second engagement with two years of history, a quarterly KPI, values whose thousandths are
 * not exact, notes that need escaping and credits in three currencies. For every window of
 * months: the streamed answer is the tree's bytes, and since when each KPI is missed is what
 * the window from the term's start says (scorecard_read reads the window's values first and the
 * history only when a run of misses reaches back past it).
 */
static void streamed_matches_tree_and_history(void)
{
	char sql[900];
	long long e2, up, lat, qtr;
	static const char *const notes[] = {"plain", "quote \" backslash \\ slash /", "caf\xc3\xa9 \xe2\x82\xac 12", "tab\tline\nunit\x1f", ""};
	int n = 0;

	snprintf(sql, sizeof sql,
		 "INSERT INTO engagements (buyer_org_id, provider_org_id, title, service_line, starts_on, ends_on, contract_manager_id, mode, gov_strategic, gov_tactical, gov_operations, created_by, created_at, acceptance, currency, monthly_charge_cents) "
		 "VALUES (%lld, %lld, 'History \"fixture\" \xe2\x80\x94 two years', 'IT', '2024-01-15', '2028-05-31', %lld, 'vendor', 'joint', 'joint', 'joint', %lld, '2023-12-01T00:00:00Z', 'accepted', 'GBP', 12345678) RETURNING id",
		 buyer, provider, cm, cm);
	e2 = one(sql, NULL, 0);
	CHECK(e2 > 0);
	{
		long long *ids[3] = {&up, &lat, &qtr};
		static const char *const defs[3] = {"'Uptime', '%%', 'higher', 99.9, 99.5, 'monthly', 2.5, 1.5",
						    "'Latency', 'ms', 'lower', 120.25, 180.125, 'monthly', 1, NULL",
						    "'Satisfaction', 'score', 'higher', 4.2, 3.9, 'quarterly', 0.3333, 0.1"};

		for (int i = 0; i < 3; i++) {
			snprintf(sql, sizeof sql,
				 "INSERT INTO kpis (buyer_org_id, engagement_id, name, unit, direction, target, threshold, frequency, weight, credit_percent, created_by, created_at) "
				 "VALUES (%lld, %lld, %s, %lld, '2023-12-01T00:00:00Z') RETURNING id",
				 buyer, e2, defs[i], cm);
			*ids[i] = one(sql, NULL, 0);
			CHECK(*ids[i] > 0);
		}
	}
	/* Uptime: met until 2025-02, then missed with gaps (no value every third month) up to 2026-06, met in 2026-07, missed again from 2026-08.
	 * Latency: values with inexact thousandths, met, at risk and missed in turn, some disputed. Satisfaction: quarters. */
	for (int y = 2024; y <= 2026; y++)
		for (int m = 1; m <= 12 && (y < 2026 || m <= 10); m++) {
			char period[32];
			int ym = y * 12 + m;
			double v;

			snprintf(period, sizeof period, "%04d-%02d", y, m);
			if (ym % 3 != 0) {
				v = ym < 2025 * 12 + 3 ? 99.95 : ym == 2026 * 12 + 7 ? 99.91 : ym >= 2026 * 12 + 9 ? 98.5 : 99.1;
				snprintf(sql, sizeof sql,
					 "INSERT INTO kpi_measurements (buyer_org_id, engagement_id, kpi_id, period, value, note, source, submitted_by, submitted_at) "
					 "VALUES (?, ?, ?, ?, %.17g, ?, 'csv', ?, '2026-11-02T08:00:00Z') RETURNING id",
					 v);
				{
					struct sqlval a[6] = {SQL_I(buyer), SQL_I(e2), SQL_I(up), SQL_T(period), SQL_T(notes[n++ % 5]), SQL_I(lead)};

					CHECK(one(sql, a, 6) > 0);
				}
			}
			v = (ym % 4 == 0 ? 200.0 : ym % 4 == 1 ? 150.0 : 100.0) + (double)(ym % 7) / 3 + 0.0001;
			snprintf(sql, sizeof sql,
				 "INSERT INTO kpi_measurements (buyer_org_id, engagement_id, kpi_id, period, value, note, source, submitted_by, submitted_at, dispute_reason, disputed_by, disputed_at, dispute_answer) "
				 "VALUES (?, ?, ?, ?, %.17g, ?, 'api', ?, '2026-11-02T08:00:00Z', %s) RETURNING id",
				 v, ym % 5 == 0 ? "'disputed \"really\"', 2, '2026-11-03T08:00:00Z', 'we disagree\\u2028'" : "NULL, NULL, NULL, NULL");
			{
				struct sqlval a[6] = {SQL_I(buyer), SQL_I(e2), SQL_I(lat), SQL_T(period), SQL_T(notes[n++ % 5]), SQL_I(lead)};

				CHECK(one(sql, a, 6) > 0);
			}
			if (m % 3 == 0) {
				snprintf(period, sizeof period, "%04d-Q%d", y, m / 3);
				snprintf(sql, sizeof sql,
					 "INSERT INTO kpi_measurements (buyer_org_id, engagement_id, kpi_id, period, value, note, source, submitted_by, submitted_at) "
					 "VALUES (%lld, %lld, %lld, '%s', %.17g, 'q', 'api', %lld, '2026-11-02T08:00:00Z') RETURNING id",
					 buyer, e2, qtr, period, m == 6 ? 3.5 : 4.0 + 0.1 * (y - 2024), lead);
				CHECK(one(sql, NULL, 0) > 0);
			}
		}
	{
		static const char *const credits[] = {"%lld, '2025-04', 123457, 'GBP', 'owed', ''", "%lld, '2025-05', 98765, 'USD', 'applied', 'deducted'",
						      "%lld, '2026-09', 5, 'EUR', 'waived', 'goodwill \"gesture\"'", "%lld, '2026-10', 9223372036854775000, 'GBP', 'owed', ''",
						      "%lld, '2026-07', 900, 'GBP', 'owed', ''"};

		for (int i = 0; i < 5; i++) {
			char cols[200];

			snprintf(cols, sizeof cols, credits[i], up);
			snprintf(sql, sizeof sql,
				 "INSERT INTO service_credits (buyer_org_id, engagement_id, kpi_id, period, amount_cents, currency, status, reason, decided_by, decided_at, created_at) "
				 "VALUES (%lld, %lld, %s, %s, %s, '2026-11-02T08:00:00Z') RETURNING id",
				 buyer, e2, cols, i == 1 || i == 2 ? "2" : "NULL", i == 1 || i == 2 ? "'2026-11-03T08:00:00Z'" : "NULL");
			CHECK(one(sql, NULL, 0) > 0);
		}
	}
	/* Every window of months from 2023-11 to 2026-12 (at most SCORECARD_MAX_MONTHS long), both engagements. */
	for (int a = 2023 * 12 + 10; a <= 2026 * 12 + 11; a++)
		for (int b = a; b <= 2026 * 12 + 11 && b - a < SCORECARD_MAX_MONTHS; b++) {
			char from[32], to[32], what[96];
			struct score_window w, whole;
			struct error err = {0};
			json_t *sc, *ref;

			snprintf(from, sizeof from, "%04d-%02d", a / 12, a % 12 + 1);
			snprintf(to, sizeof to, "%04d-%02d", b / 12, b % 12 + 1);
			if (!score_window_read(from, to, D(2026, 11, 26), &w, &err) || !score_window_read(a < 2024 * 12 ? from : "2024-01", to, D(2026, 11, 26), &whole, &err)) {
				CHECK(!"window");
				continue;
			}
			snprintf(what, sizeof what, "history %s..%s", from, to);
			check_streamed(e2, w, what);
			if ((a + b) % 5 == 0) {
				snprintf(what, sizeof what, "fixture %s..%s", from, to);
				check_streamed(eng, w, what);
			}
			sc = scorecard_json(S, e2, w, &err);
			ref = scorecard_json(S, e2, whole, &err);
			CHECK(sc && ref);
			if (sc && ref && json_is_object(json_object_get(sc, "listed")))
				for (int k = 0; k < 3; k++) {
					const char *name = k == 0 ? "Uptime" : k == 1 ? "Latency" : "Satisfaction";

					if (strcmp(missed_since_of(sc, name), missed_since_of(ref, name)) != 0) {
						fprintf(stderr, "%s, %s: missed since %s, from the term's start %s\n", what, name, missed_since_of(sc, name),
							missed_since_of(ref, name));
						CHECK(!"missed_since as from the term's start");
					}
				}
			json_decref(sc);
			json_decref(ref);
		}
	/* The cases the history decides. Uptime has no value in 2025-03 (every third month is a gap), is
	 * missed from 2025-04, met in 2026-07, missed in 2026-08, unknown in 2026-09, missed in 2026-10. */
	{
		struct score_window w;
		struct error err = {0};
		json_t *sc;

		CHECK(score_window_read("2026-02", "2026-06", D(2026, 11, 26), &w, &err));
		sc = scorecard_json(S, e2, w, &err);
		CHECK_STR(missed_since_of(sc, "Uptime"), "2025-04");
		json_decref(sc);
		CHECK(score_window_read("2026-11", "2026-11", D(2026, 11, 26), &w, &err));
		sc = scorecard_json(S, e2, w, &err);
		CHECK_STR(missed_since_of(sc, "Uptime"), "2026-08");
		json_decref(sc);
	}
}

static int real_text_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	snprintf(ctx, 64, "%s", c[0].type == SQL_TEXT ? c[0].s : "(not text)");
	return 0;
}

/*
 * A REAL (a KPI's target, weight, value) comes back as the shortest of "%.15g", "%.16g", "%.17g" that reads back as it: the
 * store writes numbers of a few decimals by hand (sqlite.c sq_float_text), and this is the
 * printf it stands for, over short decimals, halves, big and tiny values and both signs.
 */
static void real_text_is_shortest_printf(void)
{
	unsigned seed = 7;
	int mismatches = 0;

	if (getenv("ACCORD_TEST_DB") && *getenv("ACCORD_TEST_DB"))
		return; /* PostgreSQL prints its float8 itself */
	for (int i = 0; i < 20000; i++) {
		unsigned long long r = ((unsigned long long)rand_r(&seed) << 32) ^ (unsigned long long)rand_r(&seed);
		double v = i % 4 == 0   ? (double)(long long)(r % 2000000000000000ULL) / 1000
			   : i % 4 == 1 ? (double)(long long)(r % 100000) / pow(10, (int)(r % 6))
			   : i % 4 == 2 ? ldexp((double)(r >> 11), -53) * pow(10, (int)(r % 30) - 10)
					: (double)(long long)(r % 1000) / 1000 + 999999999999.0 * (r % 3 == 0);
		char arg[40], want[40], got[64];
		struct sqlval a[1];
		struct error err = {0};

		if (i % 7 == 0)
			v = -v;
		snprintf(arg, sizeof arg, "%.17g", v);
		for (int precision = 15; precision <= 17; precision++) {
			snprintf(want, sizeof want, "%.*g", precision, v);
			if (strtod(want, NULL) == v)
				break;
		}
		a[0] = SQL_T(arg);
		got[0] = '\0';
		if (store_query(S, "SELECT CAST(? AS DOUBLE PRECISION)", a, 1, real_text_cb, got, &err) < 0 || strcmp(got, want) != 0) {
			if (mismatches++ < 5)
				fprintf(stderr, "real %s: got %s, want %s\n", arg, got, want);
		}
	}
	CHECK(mismatches == 0);
}

/* Values too large for thousandths in a BIGINT read back as themselves, on both backends (PostgreSQL refused the cast). */
static void huge_values_read_back(void)
{
	struct score_window w;
	struct error err = {0};
	long long k = kpi("Huge counts", "lower", 10, 20, 1, "NULL");
	json_t *sc, *row;

	value(k, "2026-10", 9.3e15, false);
	value(k, "2026-09", 1e300, false);
	CHECK(score_window_read("2026-09", "2026-10", D(2026, 11, 26), &w, &err));
	sc = scorecard_json(S, eng, w, &err);
	CHECK(sc != NULL);
	if (!sc) {
		fprintf(stderr, "  scorecard: %s\n", err.message);
		return;
	}
	row = kpi_named(sc, "Huge counts");
	CHECK(row != NULL);
	CHECK_STR(period_status(row, "2026-10", "status"), "missed");
	json_decref(sc);
	check_streamed(eng, w, "huge values");
}

int main(void)
{
	struct error err = {0};
	int applied = 0;
	FILE *devnull = fopen("/dev/null", "w");

	RUN(bounds_read_periods_and_dates);
	RUN(window_defaults_and_errors);
	RUN(window_clipped_to_term_and_today);
	RUN(missed_since_runs);
	if (sodium_init() < 0 || !devnull)
		return 1;
	setenv("ACCORD_TODAY", "2026-11-26", 1);
	snprintf(dir, sizeof dir, "/tmp/accord-scorecard-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	if (getenv("ACCORD_TEST_DB") && *getenv("ACCORD_TEST_DB"))
		snprintf(dbpath, sizeof dbpath, "%s", getenv("ACCORD_TEST_DB"));
	else
		snprintf(dbpath, sizeof dbpath, "%s/test.db", dir);
	S = store_open(dbpath, &err);
	if (!S || store_migrate(S, &applied, &err) != 0 || demo_fill(S, devnull, &err) != 0 || !fixture()) {
		fprintf(stderr, "cannot set up %s: %s\n", dbpath, err.message);
		printf("scorecard: %d passed, %d failed\n", harness_passed, harness_failed + 1);
		return 1;
	}
	fclose(devnull);
	RUN(engagement_scorecard_by_hand);
	RUN(no_value_is_never_met);
	RUN(credits_listed_with_totals);
	RUN(credit_decisions);
	RUN(portfolio_both_sides);
	RUN(streamed_matches_tree_and_history);
	RUN(real_text_is_shortest_printf);
	RUN(huge_values_read_back);
	store_close(S);
	if (!getenv("ACCORD_TEST_DB") || !*getenv("ACCORD_TEST_DB")) {
		char p[300];

		snprintf(p, sizeof p, "%s-wal", dbpath);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", dbpath);
		unlink(p);
		unlink(dbpath);
	}
	rmdir(dir);
	printf("scorecard: %d passed, %d failed\n", harness_passed, harness_failed);
	return harness_failed != 0;
}
