/* test_trust_cache: the stored trust summaries on the demo world — each evidence table's triggers make them stale, a stale one is computed again, a late result is never used, a new day recomputes — and the practice-search version with its cache. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../harness.h"
#include "domain/delivery.h"
#include "service/demo.h"
#include "service/reviews.h"
#include "service/search_cache.h"
#include "service/trust.h"
#include "store/store.h"

static struct store *S;

/* got == want exactly, and says what got was when not. */
#define CHECK_NEAR_EXACT(got, want)                                                                \
	do {                                                                                       \
		double g_ = (got), w_ = (want);                                                    \
		if (g_ != w_) {                                                                    \
			harness_case_failed = 1;                                                   \
			fprintf(stderr, "FAIL %s (%s:%d): %s is %.17g, want %.17g\n", harness_case, \
				__FILE__, __LINE__, #got, g_, w_);                                 \
		}                                                                                  \
	} while (0)
static char dir[64], dbpath[256];

static int int_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].type == SQL_NULL ? -1 : c[0].i;
	return 0;
}

/* The first column of the first row of an ad-hoc query, -1 for NULL, -2 for no row. */
static long long one(const char *sql, long long arg)
{
	struct sqlval a[1] = {SQL_I(arg)};
	long long v = -2;

	if (store_query(S, sql, a, strstr(sql, "?") ? 1 : 0, int_cb, &v, NULL) < 0)
		return -3;
	return v;
}

static void run(const char *sql, long long arg)
{
	struct sqlval a[1] = {SQL_I(arg)};
	struct error err = {0};

	CHECK(store_query(S, sql, a, strstr(sql, "?") ? 1 : 0, NULL, NULL, &err) >= 0);
	if (err.message[0])
		fprintf(stderr, "%s: %s\n", sql, err.message);
}

static long long version_of(long long e)
{
	long long v = one("SELECT version FROM trust_versions WHERE engagement_id = ?", e);

	return v == -2 ? 0 : v; /* no row: version 0 */
}

static long long computed_of(long long e)
{
	return one("SELECT computed_version FROM trust_summaries WHERE engagement_id = ?", e);
}

/* Computes e's summary; afterwards it is stored and fresh. */
static void summarise(long long e)
{
	struct trust_summary t;

	CHECK_INT(trust_summary(S, e, &t), 0);
	trust_summary_release(&t);
	CHECK_INT(computed_of(e), version_of(e));
}

/* A change to each evidence table raises the version of exactly the engagement it belongs to. */
static void each_table_makes_stale(void)
{
	static const struct {
		const char *name, *engagement, *change;
	} tables[] = {
		{"reviews", "SELECT engagement_id FROM reviews ORDER BY id LIMIT 1", "UPDATE reviews SET grace_days = grace_days WHERE id = (SELECT min(id) FROM reviews)"},
		{"actions", "SELECT engagement_id FROM actions ORDER BY id LIMIT 1", "UPDATE actions SET title = title WHERE id = (SELECT min(id) FROM actions)"},
		{"strategic_issues", "SELECT engagement_id FROM strategic_issues ORDER BY id LIMIT 1", "UPDATE strategic_issues SET title = title WHERE id = (SELECT min(id) FROM strategic_issues)"},
		{"issue_responses", "SELECT i.engagement_id FROM issue_responses r JOIN strategic_issues i ON i.id = r.issue_id ORDER BY r.id LIMIT 1", "DELETE FROM issue_responses WHERE id = (SELECT min(id) FROM issue_responses)"},
		{"surveys", "SELECT engagement_id FROM surveys ORDER BY id LIMIT 1", "UPDATE surveys SET trust = trust WHERE id = (SELECT min(id) FROM surveys)"},
		{"roadmap_items", "SELECT engagement_id FROM roadmap_items WHERE engagement_id IS NOT NULL ORDER BY id LIMIT 1", "UPDATE roadmap_items SET title = title WHERE id = (SELECT min(id) FROM roadmap_items WHERE engagement_id IS NOT NULL)"},
		{"adoptions", "SELECT engagement_id FROM adoptions ORDER BY id LIMIT 1", "UPDATE adoptions SET status = status WHERE id = (SELECT min(id) FROM adoptions)"},
		{"suggestions", "SELECT e.id FROM suggestions g JOIN engagements e ON e.buyer_org_id = g.buyer_org_id AND e.provider_org_id = g.org_id ORDER BY g.id, e.id LIMIT 1", "UPDATE suggestions SET note = note WHERE id = (SELECT min(g.id) FROM suggestions g JOIN engagements e ON e.buyer_org_id = g.buyer_org_id AND e.provider_org_id = g.org_id)"},
		{"engagements", "SELECT min(id) FROM engagements", "UPDATE engagements SET title = title || '' WHERE id = (SELECT min(id) FROM engagements)"},
	};

	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		long long e = one(tables[i].engagement, 0), other, before, other_before;

		if (e <= 0) {
			fprintf(stderr, "the demo has no row in %s\n", tables[i].name);
			CHECK(e > 0);
			continue;
		}
		/* Another engagement, not of the same buyer and provider (a suggestion counts for all of those). */
		other = one("SELECT max(o.id) FROM engagements o, engagements x WHERE x.id = ? AND "
			    "NOT (o.buyer_org_id = x.buyer_org_id AND o.provider_org_id = x.provider_org_id)", e);
		summarise(e);
		summarise(other);
		before = version_of(e);
		other_before = version_of(other);
		run(tables[i].change, 0);
		if (version_of(e) <= before)
			fprintf(stderr, "a change to %s left engagement %lld's version at %lld\n", tables[i].name, e, before);
		CHECK(version_of(e) > before);
		CHECK(computed_of(e) < version_of(e)); /* stale now */
		if (version_of(other) != other_before)
			fprintf(stderr, "a change to %s raised engagement %lld's version too\n", tables[i].name, other);
		CHECK_INT(version_of(other), other_before);
		CHECK_INT(computed_of(other), other_before); /* the others stay fresh */
		summarise(e);                                  /* computed again on use */
	}
}

static int text_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	snprintf(ctx, 11, "%s", c[0].s ? c[0].s : "");
	return 0;
}

/* out = text with the first `name` replaced by value (text may be out). */
static void replace_into(char *out, size_t size, const char *text, const char *name, const char *value)
{
	char copy[1024];
	const char *at;

	snprintf(copy, sizeof copy, "%s", text);
	at = strstr(copy, name);
	if (!at)
		snprintf(out, size, "%s", copy);
	else
		snprintf(out, size, "%.*s%s%s", (int)(at - copy), copy, value, at + strlen(name));
}

/* The value of the latest window's (one) reported KPI period, as the explanation shows it; -1 when none. */
static double value_explained(long long e)
{
	json_t *t = trust_json(S, e), *f, *p;
	double v = -1;
	size_t i, j;

	json_array_foreach(json_object_get(t, "factors"), i, f)
	{
		json_t *k;
		size_t n;

		/* The test's own KPI (the demo's engagements have KPIs of their own). */
		json_array_foreach(json_object_get(json_object_get(f, "evidence"), "kpis"), n, k)
		{
			if (strcmp(json_string_value(json_object_get(k, "name")) ? json_string_value(json_object_get(k, "name")) : "",
				   "Availability (trust cache test)"))
				continue;
			json_array_foreach(json_object_get(k, "periods"), j, p) if (json_is_number(json_object_get(p, "value")))
				v = json_number_value(json_object_get(p, "value"));
		}
	}
	json_decref(t);
	return v;
}

static double score_of(long long e)
{
	struct trust_summary t;
	double score;

	CHECK_INT(trust_summary(S, e, &t), 0);
	score = t.known ? t.score : -1;
	trust_summary_release(&t);
	return score;
}

/*
 * Delivery evidence (issue 17): a change to kpis, kpi_measurements and obligations makes
 * exactly its engagement's summary stale, and the recomputed score reads it: a KPI missed
 * in the latest window and an overdue obligation of the provider lower the score.
 */
static void delivery_tables_make_stale(void)
{
	long long e = one("SELECT engagement_id FROM reviews WHERE state = 'held' GROUP BY engagement_id ORDER BY count(*) DESC, engagement_id LIMIT 1", 0);
	long long other = one("SELECT max(o.id) FROM engagements o, engagements x WHERE x.id = ? AND "
			      "NOT (o.buyer_org_id = x.buyer_org_id AND o.provider_org_id = x.provider_org_id)", e);
	struct sqlval a[1] = {SQL_I(e)};
	char held[11] = "", period[8];
	struct date d;
	double before, after;
	const struct {
		const char *what, *sql;
	} changes[] = {
		{"a KPI defined", "INSERT INTO kpis (buyer_org_id, engagement_id, name, direction, target, threshold, frequency, weight, created_by, created_at) "
				  "SELECT buyer_org_id, id, 'Availability (trust cache test)', 'higher', 99.5, 99, 'monthly', 1, contract_manager_id, '@HELD@T09:00:00Z' FROM engagements WHERE id = ?"},
		{"a value submitted", "INSERT INTO kpi_measurements (buyer_org_id, engagement_id, kpi_id, period, value, source, submitted_by, submitted_at) "
				      "SELECT k.buyer_org_id, k.engagement_id, k.id, '@PERIOD@', 97.0004, 'api', k.created_by, '2026-01-01T00:00:00Z' FROM kpis k WHERE k.engagement_id = ? AND k.name = 'Availability (trust cache test)'"},
		{"a value corrected", "UPDATE kpi_measurements SET value = 99.125 WHERE engagement_id = ? AND kpi_id IN (SELECT id FROM kpis WHERE name = 'Availability (trust cache test)')"},
		{"a value disputed", "UPDATE kpi_measurements SET dispute_reason = 'the tool was down' WHERE engagement_id = ? AND kpi_id IN (SELECT id FROM kpis WHERE name = 'Availability (trust cache test)')"},
		{"a KPI reweighted", "UPDATE kpis SET weight = 2 WHERE engagement_id = ? AND name = 'Availability (trust cache test)'"},
		{"an obligation recorded", "INSERT INTO obligations (buyer_org_id, engagement_id, title, owed_by, due_on, created_by, created_at) "
					   "SELECT buyer_org_id, id, 'Disaster-recovery test', 'provider', '@DUE@', contract_manager_id, '2020-01-01T00:00:00Z' FROM engagements WHERE id = ?"},
		{"an obligation waived", "UPDATE obligations SET status = 'waived', reason = 'moved' WHERE engagement_id = ?"},
		{"a value deleted", "DELETE FROM kpi_measurements WHERE engagement_id = ? AND kpi_id IN (SELECT id FROM kpis WHERE name = 'Availability (trust cache test)')"},
	};

	CHECK(e > 0 && other > 0 && other != e);
	/*
	 * The month before the latest held review ended inside its window. The KPI is agreed on the
	 * review's day, so the months before are nobody's miss until a value says otherwise.
	 */
	CHECK(store_query(S, "SELECT max(held_on) FROM reviews WHERE engagement_id = ? AND state = 'held'", a, 1, text_cb,
			  held, NULL) >= 0);
	CHECK(date_parse(held, &d));
	d = date_add_months(d, -1);
	kpi_period_format(kpi_period_of(d, KPI_MONTHLY), period);
	before = score_of(e);
	CHECK(before >= 0);
	for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
		char sql[1024], due[11];
		long long v, ov;

		date_format(date_add_days(d, 1), due);
		replace_into(sql, sizeof sql, changes[i].sql, "@PERIOD@", period);
		replace_into(sql, sizeof sql, sql, "@DUE@", due);
		replace_into(sql, sizeof sql, sql, "@HELD@", held);
		summarise(e);
		summarise(other);
		v = version_of(e);
		ov = version_of(other);
		run(sql, e);
		if (version_of(e) <= v)
			fprintf(stderr, "%s left engagement %lld's version at %lld\n", changes[i].what, e, v);
		CHECK(version_of(e) > v);
		CHECK(computed_of(e) < version_of(e)); /* stale now */
		CHECK_INT(version_of(other), ov);
		CHECK_INT(computed_of(other), ov); /* the others stay fresh */
		after = score_of(e);
		/* 97.0004 is below the threshold: a missed month; an obligation due in the window still open: not kept. */
		if (i == 1 || i == 5)
			CHECK(after < before);
		/* Corrected to 99.125: at risk, better than missed; waived: the obligation no longer counts. */
		if (i == 2 || i == 6)
			CHECK(after > before);
		/* The explanation shows the value exactly (read as thousandths when exact, else as it is). */
		if (i == 1 || i == 2)
			CHECK_NEAR_EXACT(value_explained(e), i == 1 ? 97.0004 : 99.125);
		before = after;
	}
}

/* After a change that moves the score, the summary equals a computation from scratch. */
static void stale_summary_is_recomputed(void)
{
	long long e = one("SELECT engagement_id FROM reviews WHERE state = 'held' GROUP BY engagement_id ORDER BY count(*) DESC, engagement_id LIMIT 1", 0);
	struct trust_summary a, b;

	CHECK(e > 0);
	summarise(e);
	/* Every action of its first held review becomes done on time: commitments change. */
	run("UPDATE actions SET status = 'done', closed_on = due_on WHERE engagement_id = ? AND status <> 'done'", e);
	CHECK_INT(trust_summary(S, e, &a), 0);
	run("DELETE FROM trust_summaries WHERE engagement_id = ?", e);
	CHECK_INT(trust_summary(S, e, &b), 0);
	CHECK(a.known && b.known);
	CHECK(a.score == b.score);
	CHECK_STR(a.scores, b.scores);
	CHECK_STR(a.advice, b.advice);
	trust_summary_release(&a);
	trust_summary_release(&b);
}

/* A result stored late, labelled with a version a change has since passed, is not used: it is computed again. */
static void late_store_is_stale(void)
{
	long long e = one("SELECT min(id) FROM engagements", 0), v;
	struct trust_summary t;
	struct sqlval a[17];

	summarise(e);
	v = version_of(e);
	run("UPDATE engagements SET title = title || '' WHERE id = ?", e); /* a writer commits meanwhile */
	for (int i = 0; i < 17; i++)
		a[i] = SQL_T("x");
	a[0] = SQL_I(e);
	a[1] = SQL_I(v); /* the version the slow reader read before its evidence */
	a[2] = SQL_T("2026-11-26");
	a[7] = SQL_I(1);
	a[10] = SQL_I(0);
	CHECK(store_exec(S, STMT_TRUST_SUMMARY_PUT, a, 17, NULL, NULL, NULL) >= 0);
	CHECK_INT(one("SELECT count(*) FROM trust_summaries WHERE engagement_id = ? AND score = 'x'", e), 1);
	CHECK(computed_of(e) < version_of(e));
	CHECK_INT(trust_summary(S, e, &t), 0); /* not the late one: computed again */
	CHECK(strcmp(t.advice, "x") != 0);
	trust_summary_release(&t);
	CHECK_INT(computed_of(e), version_of(e));
	CHECK_INT(one("SELECT count(*) FROM trust_summaries WHERE engagement_id = ? AND score = 'x'", e), 0);
}

/* Trust depends on today: a summary from another day is computed again. */
static void new_day_recomputes(void)
{
	long long e = one("SELECT min(id) FROM engagements", 0);
	struct trust_summary t;

	setenv("ACCORD_TODAY", "2026-11-26", 1);
	summarise(e);
	CHECK_INT(one("SELECT count(*) FROM trust_summaries WHERE engagement_id = ? AND computed_on = '2026-11-26'", e), 1);
	setenv("ACCORD_TODAY", "2027-03-01", 1);
	CHECK_INT(trust_summary(S, e, &t), 0);
	trust_summary_release(&t);
	CHECK_INT(one("SELECT count(*) FROM trust_summaries WHERE engagement_id = ? AND computed_on = '2027-03-01'", e), 1);
	setenv("ACCORD_TODAY", "2026-11-26", 1);
}

/* The explanation is stored with the summary and served from it until the evidence changes. */
static void explanation_is_kept(void)
{
	long long e = one("SELECT min(id) FROM engagements", 0);
	char *x, *y;

	x = trust_explanation(S, e);
	CHECK(x && strstr(x, "\"factors\""));
	CHECK_INT(one("SELECT count(*) FROM trust_summaries WHERE engagement_id = ? AND explanation IS NOT NULL", e), 1);
	run("UPDATE trust_summaries SET explanation = '{\"kept\":true}' WHERE engagement_id = ?", e);
	y = trust_explanation(S, e);
	CHECK_STR(y, "{\"kept\":true}"); /* read back, not computed */
	free(y);
	run("UPDATE engagements SET title = title || '' WHERE id = ?", e);
	y = trust_explanation(S, e);
	CHECK_STR(y, x); /* stale: computed again */
	free(x);
	free(y);
	CHECK(trust_explanation(S, 987654321) == NULL);
}

/* The stored compliance of every demo engagement is what counting its reviews gives (the compliance API's own path). */
static void compliance_matches_reviews(void)
{
	long long last = one("SELECT max(id) FROM engagements", 0);

	for (long long e = 1; e <= last; e++) {
		struct trust_summary t;
		json_t *c = compliance_json(S, e);

		CHECK(c != NULL);
		CHECK_INT(trust_summary(S, e, &t), 0);
		if (!c)
			continue;
		CHECK_INT(t.compliance.due, json_integer_value(json_object_get(c, "due")));
		CHECK_INT(t.compliance.held_on_time, json_integer_value(json_object_get(c, "held_on_time")));
		CHECK_INT(t.compliance.late, json_integer_value(json_object_get(c, "late")));
		CHECK_INT(t.compliance.missed, json_integer_value(json_object_get(c, "missed")));
		CHECK_INT(t.compliance.in_grace, json_integer_value(json_object_get(c, "in_grace")));
		CHECK_INT(t.compliance.without_quorum, json_integer_value(json_object_get(c, "without_quorum")));
		CHECK_INT(t.compliance.upcoming, json_integer_value(json_object_get(c, "upcoming")));
		CHECK_INT(t.compliance.cancelled, json_integer_value(json_object_get(c, "cancelled")));
		CHECK_STR(t.next_due_on, json_is_string(json_object_get(c, "next_due_on")) ? json_string_value(json_object_get(c, "next_due_on")) : "");
		CHECK_STR(t.last_held_on, json_is_string(json_object_get(c, "last_held_on")) ? json_string_value(json_object_get(c, "last_held_on")) : "");
		CHECK_STR(t.title, json_string_value(json_object_get(c, "title")));
		trust_summary_release(&t);
		json_decref(c);
	}
}

/* Every change to what a search shows raises the search version; a change elsewhere does not. */
static void search_version_rises(void)
{
	static const char *const changes[] = {
		"UPDATE practices SET updated_at = updated_at WHERE id = (SELECT min(id) FROM practices)",
		"UPDATE practice_revisions SET title = title WHERE id = (SELECT min(id) FROM practice_revisions)",
		"UPDATE summit_sessions SET title = title WHERE id = (SELECT min(id) FROM summit_sessions)",
		"DELETE FROM invitations WHERE summit_id = (SELECT min(summit_id) FROM invitations) AND org_id = (SELECT min(org_id) FROM invitations WHERE summit_id = (SELECT min(summit_id) FROM invitations))",
		"UPDATE engagements SET title = title WHERE id = (SELECT min(id) FROM engagements)",
		"UPDATE orgs SET name = name WHERE id = (SELECT min(id) FROM orgs)",
	};
	long long v = search_version(S);

	CHECK(v >= 0);
	for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
		run(changes[i], 0);
		if (search_version(S) <= v)
			fprintf(stderr, "no new search version after: %s\n", changes[i]);
		CHECK(search_version(S) > v);
		v = search_version(S);
	}
	run("UPDATE actions SET title = title WHERE id = (SELECT min(id) FROM actions)", 0);
	CHECK_INT(search_version(S), v);
}

/* The cache answers only the same organisation, question and version. */
static void search_cache_keys(void)
{
	char *t;

	search_cache_put(7, "release trains", 3, "{\"items\":[1]}");
	t = search_cache_get(7, "release trains", 3);
	CHECK_STR(t, "{\"items\":[1]}");
	free(t);
	CHECK(search_cache_get(8, "release trains", 3) == NULL); /* another organisation */
	CHECK(search_cache_get(7, "release train", 3) == NULL);  /* another question */
	CHECK(search_cache_get(7, "release trains", 4) == NULL); /* a newer version */
	search_cache_put(7, "release trains", 4, "{\"items\":[2]}");
	t = search_cache_get(7, "release trains", 4);
	CHECK_STR(t, "{\"items\":[2]}");
	free(t);
	CHECK(search_cache_get(7, "release trains", 3) == NULL); /* replaced, not kept beside */
	for (int i = 0; i < 200; i++) { /* a full cache forgets the least recently used */
		char key[32];

		snprintf(key, sizeof key, "q%d", i);
		search_cache_put(9, key, 1, "{}");
	}
	CHECK(search_cache_get(9, "q0", 1) == NULL);
	t = search_cache_get(9, "q199", 1);
	CHECK_STR(t, "{}");
	free(t);
}

/* The KPI values as store_exec hands them (a REAL as its text) and as store_exec_typed does: the same rows, the same doubles. */
struct measure_rows {
	long long n, kpi[4096];
	double value[4096];
	char period[4096][8];
	int disputed[4096];
};

static int measure_plain_cb(void *ctx, const struct sqlval *c, int n)
{
	struct measure_rows *m = ctx;

	(void)n;
	if (m->n < 4096) {
		m->kpi[m->n] = c[1].i;
		snprintf(m->period[m->n], sizeof m->period[m->n], "%s", c[2].s);
		m->value[m->n] = c[3].type == SQL_INT ? (double)c[3].i : strtod(c[3].s, NULL);
		m->disputed[m->n] = (int)c[4].i;
	}
	m->n++;
	return 0;
}

static int measure_typed_cb(void *ctx, const union sqlcell *c, int n)
{
	struct measure_rows *m = ctx;

	(void)n;
	if (m->n < 4096) {
		m->kpi[m->n] = c[1].i;
		snprintf(m->period[m->n], sizeof m->period[m->n], "%s", c[2].s);
		m->value[m->n] = c[3].r;
		m->disputed[m->n] = (int)c[4].i;
	}
	m->n++;
	return 0;
}

static void typed_reads_match(void)
{
	static struct measure_rows plain, typed;
	long long id = one("SELECT min(id) FROM kpi_measurements", 0);

	/* Values that are not whole thousandths, and one disputed. */
	run("UPDATE kpi_measurements SET value = 97.123456789 WHERE id = ?", id);
	run("UPDATE kpi_measurements SET value = 0.1 + 0.2, dispute_reason = 'late data' WHERE id = ?", id + 1);
	memset(&plain, 0, sizeof plain);
	memset(&typed, 0, sizeof typed);
	CHECK(store_exec(S, STMT_TRUST_MEASUREMENTS_ALL, NULL, 0, measure_plain_cb, &plain, NULL) > 0);
	CHECK(store_exec_typed(S, STMT_TRUST_MEASUREMENTS_ALL, NULL, 0, "iitri", measure_typed_cb, &typed, NULL) > 0);
	CHECK_INT(typed.n, plain.n);
	CHECK(plain.n <= 4096);
	for (long long i = 0; i < plain.n && i < 4096; i++) {
		CHECK_INT(typed.kpi[i], plain.kpi[i]);
		CHECK_STR(typed.period[i], plain.period[i]);
		CHECK_NEAR_EXACT(typed.value[i], plain.value[i]);
		CHECK_INT(typed.disputed[i], plain.disputed[i]);
	}
	CHECK_NEAR_EXACT(one("SELECT count(*) FROM kpi_measurements WHERE value = 97.123456789", 0), 1);
	/* A statement whose columns the types do not name is refused, not misread (SQLite: PostgreSQL converts its text). */
	CHECK(store_exec_typed(S, STMT_TRUST_MEASUREMENTS_ALL, NULL, 0, "iit", measure_typed_cb, &typed, NULL) < 0 ||
	      store_is_postgres(dbpath));
}

/* accord trust recompute: every engagement fresh in one go. */
static void recompute_all(void)
{
	struct error err = {0};
	size_t n = 0;

	run("DELETE FROM trust_summaries", 0);
	CHECK_INT(trust_recompute_all(S, &n, &err), 0);
	CHECK_INT((long long)n, one("SELECT count(*) FROM engagements", 0));
	CHECK_INT(one("SELECT count(*) FROM trust_summaries t LEFT JOIN trust_versions v ON v.engagement_id = t.engagement_id WHERE t.computed_version = coalesce(v.version, 0) AND t.computed_on = '2026-11-26'", 0), (long long)n);
	/*
	 * What the recompute stored (read on two connections by two threads, computed on one
	 * thread while the other stores) is what each engagement computed alone stores.
	 */
	run("CREATE TEMPORARY TABLE recomputed AS SELECT * FROM trust_summaries", 0);
	run("DELETE FROM trust_summaries", 0);
	for (long long e = 1; e <= (long long)n; e++) {
		struct trust_summary t;

		CHECK_INT(trust_summary(S, e, &t), 0);
		trust_summary_release(&t);
	}
	CHECK_INT(one("SELECT count(*) FROM trust_summaries", 0), (long long)n);
	CHECK_INT(one("SELECT count(*) FROM trust_summaries t JOIN recomputed r ON r.engagement_id = t.engagement_id WHERE "
		      "t.computed_version = r.computed_version AND t.mode = r.mode AND t.score IS NOT DISTINCT FROM r.score AND "
		      "t.raw IS NOT DISTINCT FROM r.raw AND t.review_id IS NOT DISTINCT FROM r.review_id AND t.advice = r.advice AND "
		      "t.recommended_mode = r.recommended_mode AND t.sentiment_gap = r.sentiment_gap AND t.scores = r.scores AND "
		      "t.compliance = r.compliance AND t.next_due_on IS NOT DISTINCT FROM r.next_due_on AND "
		      "t.last_held_on IS NOT DISTINCT FROM r.last_held_on AND t.history = r.history", 0),
		  (long long)n);
	/* Some delivery factor was counted (a number, not null), so the KPI values were read. */
	CHECK(one("SELECT count(*) FROM recomputed WHERE history LIKE '%\"delivery\":1%' OR history LIKE '%\"delivery\":2%' OR "
		  "history LIKE '%\"delivery\":5%' OR history LIKE '%\"delivery\":6%' OR history LIKE '%\"delivery\":7%' OR "
		  "history LIKE '%\"delivery\":8%' OR history LIKE '%\"delivery\":9%'", 0) > 0);
	run("DROP TABLE recomputed", 0);
}

int main(void)
{
	struct error err = {0};
	int applied = 0;
	FILE *devnull = fopen("/dev/null", "w");

	if (sodium_init() < 0 || !devnull)
		return 1;
	setenv("ACCORD_TODAY", "2026-11-26", 1);
	snprintf(dir, sizeof dir, "/tmp/accord-trust-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	/* ACCORD_TEST_DB: an empty PostgreSQL database to run against (tests/run makes one); else a SQLite file. */
	if (getenv("ACCORD_TEST_DB") && *getenv("ACCORD_TEST_DB"))
		snprintf(dbpath, sizeof dbpath, "%s", getenv("ACCORD_TEST_DB"));
	else
		snprintf(dbpath, sizeof dbpath, "%s/test.db", dir);
	S = store_open(dbpath, &err);
	if (!S || store_migrate(S, &applied, &err) != 0 || demo_fill(S, devnull, &err) != 0) {
		fprintf(stderr, "cannot set up %s: %s\n", dbpath, err.message);
		return 1;
	}
	fclose(devnull);
	RUN(each_table_makes_stale);
	RUN(delivery_tables_make_stale);
	RUN(stale_summary_is_recomputed);
	RUN(late_store_is_stale);
	RUN(new_day_recomputes);
	RUN(explanation_is_kept);
	RUN(compliance_matches_reviews);
	RUN(search_version_rises);
	RUN(search_cache_keys);
	RUN(typed_reads_match);
	RUN(recompute_all);
	store_close(S);
	if (!getenv("ACCORD_TEST_DB") || !*getenv("ACCORD_TEST_DB")) {
		char p[300];

		snprintf(p, sizeof p, "%s-wal", dbpath);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", dbpath);
		unlink(p);
		unlink(dbpath);
		rmdir(dir);
	}
	return HARNESS_DONE("trust_cache");
}
