/* demo_scale: a believable dataset at benchmark size — thousands of buyers and providers, their people, engagements, reviews with attendance, actions, surveys, practices and adoptions. */
#include "demo.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../domain/date.h"
#include "../domain/delivery.h"
#include "../domain/kpi_templates.h"
#include "auth.h"
#include "clock.h"
#include "orgs.h"

/*
 * Sizes follow the number of engagements N (large: 20,000): N/10 buyers and N/40
 * providers (at least 2 of each), 20 people in each organisation, 10 quarterly reviews
 * per engagement (8 held, with 4 attendees each, 2 planned), 50 actions per engagement,
 * both sides' surveys after the last 4 held reviews, 5 practices per engagement (two
 * revisions each, the second published) and, for every other engagement, an adoption of
 * a practice its provider found with another buyer. Each engagement has a contract (monthly
 * charge in USD) and 5 monthly KPIs from the template library with a value for each of the last
 * 24 months (2.4M values at 20,000 engagements): most met, some at risk, a few missed, and
 * every tenth engagement missing often enough to fall below the delivery floor; every missed
 * period of a KPI with a credit percentage owes its service credit. One provider holds a seventh of all engagements and one buyer
 * works with hundreds of providers, as the largest organisations do.
 *
 * Every generated person shares one password (hashed once: Argon2id is slow by design)
 * so that benchmarks can sign in as anyone; it is printed with the log-ins.
 */

#define PEOPLE 20
#define REVIEWS 10
#define HELD 8
#define ACTIONS_PER_HELD 6
#define PRACTICES_PER_ENG 5
#define KPIS_PER_ENG 5
#define KPI_MONTHS 24

static const char *const industries[] = {"Banking", "Insurance", "Retail", "Telecom", "Healthcare", "Energy",
					 "Logistics", "Public sector", "Manufacturing", "Media"};
static const char *const first[] = {"Ada", "Ben", "Chen", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jia",
				    "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara"};
static const char *const last[] = {"Adams", "Brooks", "Costa", "Diaz", "Evans", "Fischer", "Garcia", "Hughes",
				   "Ito", "Jensen", "Khan", "Lopez", "Moreau", "Nakamura", "Okafor", "Park"};
static const char *const topics[] = {"release", "incident", "capacity", "onboarding", "reconciliation", "escalation",
				     "forecasting", "automation", "handover", "knowledge", "triage", "backlog",
				     "monitoring", "vendor", "billing", "migration", "testing", "security"};
static const char *const methods[] = {"trains", "swarming", "playbooks", "dashboards", "checklists", "rotations",
				      "reviews", "gates", "clinics", "sprints"};
static const char *const lines[] = {"IT", "ITES", "BPO"};

struct scale {
	struct store *s;
	struct error *err;
	long long n_eng, n_buyers, n_providers;
	long long *org, *user; /* org ids (buyers then providers), user ids (PEOPLE per org) */
	long long *eng_buyer, *eng_provider, *eng_id;
	char hash[128], now[24];
	struct date today;
	const struct kpi_template *kpi_set[3][KPIS_PER_ENG]; /* per service line (lines[]) */
	FILE *progress;
	double step_started;
};

/* A user of organisation k in slot j (0: CxO or leadership, 3: contract manager, ...). */
static long long who(const struct scale *g, long long k, int j)
{
	return g->user[k * PEOPLE + j];
}

static double seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* "\rdemo --scale: engagements  45%", and at 100% the seconds the step took. */
static void progress(struct scale *g, const char *what, long long done, long long total)
{
	if (!g->progress)
		return;
	if (done == 1 || !g->step_started)
		g->step_started = seconds();
	if (done == total || done % (total / 20 + 1) == 0)
		fprintf(g->progress, "\rdemo --scale: %-12s %3lld%%", what, total ? done * 100 / total : 100);
	if (done == total) {
		fprintf(g->progress, " (%.1f s)\n", seconds() - g->step_started);
		g->step_started = 0;
	}
}

static int ins(struct scale *g, enum stmt st, const struct sqlval *a, int n, long long *id)
{
	if (id)
		return store_int(g->s, st, a, n, id, g->err) == 0 ? 0 : -1;
	return store_exec(g->s, st, a, n, NULL, NULL, g->err) < 0 ? -1 : 0;
}

static const char *buyer_slot_role(int j, role_mask *m)
{
	static const enum role roles[] = {ROLE_BUYER_CXO, ROLE_UNIT_CIO, ROLE_UNIT_CIO, ROLE_CONTRACT_MANAGER, ROLE_SOURCING_MANAGER};

	*m = ROLE_BIT(j < 5 ? roles[j] : ROLE_MEMBER);
	return role_name(j < 5 ? roles[j] : ROLE_MEMBER);
}

static const char *provider_slot_role(int j, role_mask *m)
{
	enum role r = j < 2 ? ROLE_PROVIDER_LEADERSHIP : j < 6 ? ROLE_PROVIDER_CONSULTING : ROLE_MEMBER;

	*m = ROLE_BIT(r);
	return role_name(r);
}

static int orgs_and_people(struct scale *g)
{
	long long total = g->n_buyers + g->n_providers;

	for (long long k = 0; k < total; k++) {
		bool buyer = k < g->n_buyers;
		long long idx = buyer ? k : k - g->n_buyers;
		char name[96], slug[48];
		struct sqlval a[7];

		snprintf(name, sizeof name, buyer ? "%s Group %lld" : "%s Services %lld", last[idx % 16], idx + 1);
		if (buyer && k == 0)
			snprintf(name, sizeof name, "Everest Holdings");
		if (!buyer && idx == 0)
			snprintf(name, sizeof name, "Atlas Global Services");
		snprintf(slug, sizeof slug, "%s%lld", buyer ? "b" : "p", idx + 1);
		a[0] = SQL_T(name);
		a[1] = SQL_T(buyer ? "buyer" : "provider");
		a[2] = SQL_T(buyer ? industries[idx % 10] : "IT services");
		a[3] = SQL_T(g->now);
		if (ins(g, STMT_ORG_INSERT, a, 4, &g->org[k]))
			return -1;
		for (int j = 0; j < PEOPLE; j++) {
			char email[96], person[64], feed[48];
			role_mask m;

			(buyer ? buyer_slot_role : provider_slot_role)(j, &m);
			snprintf(email, sizeof email, "u%d@%s.example", j + 1, slug);
			snprintf(person, sizeof person, "%s %s", first[(j + idx) % 20], last[(j * 7 + idx) % 16]);
			auth_random_token(feed, sizeof feed, 24);
			a[0] = SQL_I(g->org[k]);
			a[1] = SQL_T(email);
			a[2] = SQL_T(person);
			a[3] = SQL_I(m);
			a[4] = SQL_T(g->hash);
			a[5] = SQL_T(feed);
			a[6] = SQL_T(g->now);
			if (ins(g, STMT_USER_INSERT, a, 7, &g->user[k * PEOPLE + j]))
				return -1;
		}
		progress(g, "people", k + 1, total);
	}
	return 0;
}

/* Which buyer and provider engagement i joins: one provider holds every seventh, one buyer every 67th with a different provider each time. */
static void parties_of(const struct scale *g, long long i, long long *buyer, long long *provider)
{
	long long p = i % 7 == 0 ? 0 : 1 + (i * 31) % (g->n_providers - 1);
	long long b = i % 67 == 0 ? 0 : 1 + (i * 17) % (g->n_buyers - 1);

	if (b == 0)
		p = (i / 67) % g->n_providers;
	*buyer = b;
	*provider = g->n_buyers + p;
}

static int engagement(struct scale *g, long long i)
{
	long long b, p, id, review_ids[REVIEWS];
	struct date start = date_add_days(g->today, -(int)(760 + i % 90));
	char starts[11], ends[11], title[160];
	struct sqlval a[13];

	parties_of(g, i, &b, &p);
	date_format(start, starts);
	date_format(date_add_days(start, 365 * 5), ends);
	snprintf(title, sizeof title, "%s %s programme %lld", topics[i % 18], lines[i % 3], i + 1);
	title[0] = (char)(title[0] - 32);
	a[0] = SQL_I(g->org[b]);
	a[1] = SQL_I(g->org[p]);
	a[2] = SQL_T(title);
	a[3] = SQL_T(lines[i % 3]);
	a[4] = SQL_T(starts);
	a[5] = SQL_T(ends);
	a[6] = SQL_I(who(g, b, 3));
	a[7] = SQL_T("joint");
	a[8] = SQL_T(i % 2 ? "buyer" : "joint");
	a[9] = SQL_T("provider");
	a[10] = SQL_I(who(g, b, 3));
	a[11] = SQL_T(g->now);
	if (ins(g, STMT_ENG_INSERT, a, 12, &id))
		return -1;
	/* Every engagement of the large demo is accepted by the provider's leadership (slot 0). */
	a[0] = SQL_T("accepted");
	a[1] = SQL_I(who(g, p, 0));
	a[2] = SQL_T(g->now);
	a[3] = SQL_T("");
	a[4] = SQL_I(id);
	if (ins(g, STMT_ENG_DECIDE, a, 5, NULL))
		return -1;
	g->eng_buyer[i] = b;
	g->eng_provider[i] = p;
	g->eng_id[i] = id;
	a[0] = SQL_I(id);
	a[1] = SQL_I(g->org[b]);
	a[2] = SQL_T("quarterly");
	a[3] = SQL_I(ROLE_BIT(ROLE_BUYER_CXO) | ROLE_BIT(ROLE_PROVIDER_LEADERSHIP));
	a[4] = SQL_I(14);
	a[5] = SQL_I(who(g, b, 3));
	a[6] = SQL_T(g->now);
	if (ins(g, STMT_MANDATE_PUT, a, 7, NULL))
		return -1;
	for (int r = 0; r < REVIEWS; r++) {
		char due[11], held[11], closed[11];
		bool was_held = r < HELD;
		/* Most reviews are held within the week with both leaderships; some late, some without the buyer's CxO. */
		bool cxo_there = (i + r) % 5 != 0;
		struct date d = date_add_days(start, 91 * (r + 1));

		date_format(d, due);
		date_format(date_add_days(d, (int)((i + r) % 9)), held);
		a[0] = SQL_I(g->org[b]);
		a[1] = SQL_I(id);
		a[2] = SQL_T(due);
		a[3] = was_held ? SQL_T(held) : SQL_NUL;
		a[4] = SQL_T(was_held ? "held" : "planned");
		a[5] = SQL_I(ROLE_BIT(ROLE_BUYER_CXO) | ROLE_BIT(ROLE_PROVIDER_LEADERSHIP));
		a[6] = SQL_I(was_held ? (ROLE_BIT(ROLE_PROVIDER_LEADERSHIP) | ROLE_BIT(ROLE_CONTRACT_MANAGER) |
					 (cxo_there ? ROLE_BIT(ROLE_BUYER_CXO) : 0))
				      : 0);
		a[7] = SQL_T(was_held ? "Service levels reviewed; actions agreed." : "");
		a[8] = SQL_T(g->now);
		a[9] = SQL_T(g->now);
		if (ins(g, STMT_SCALE_REVIEW_INSERT, a, 10, &review_ids[r]))
			return -1;
		if (!was_held)
			continue;
		/* Attendance: the CxO (when there) and contract manager, the provider's two leaders. */
		{
			long long people[4] = {who(g, b, 0), who(g, b, 3), who(g, p, 0), who(g, p, 1)};
			role_mask roles[4] = {ROLE_BIT(ROLE_BUYER_CXO), ROLE_BIT(ROLE_CONTRACT_MANAGER),
					      ROLE_BIT(ROLE_PROVIDER_LEADERSHIP), ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)};

			for (int k = 0; k < 4; k++) {
				a[0] = SQL_I(review_ids[r]);
				a[1] = SQL_I(people[k]);
				a[2] = SQL_I(g->org[b]);
				a[3] = SQL_I(k == 0 ? cxo_there : 1);
				a[4] = SQL_I(roles[k]);
				if (ins(g, STMT_ATTENDANCE_INSERT, a, 5, NULL))
					return -1;
			}
		}
		/* Six actions, or eight after the last held review (50 per engagement); recent ones still open. */
		for (int k = 0; k < ACTIONS_PER_HELD + (r == HELD - 1 ? 2 : 0); k++) {
			bool open = r >= HELD - 2 && k % 2 == 0;
			char action[120], dueon[11];

			date_format(date_add_days(d, 30 + 7 * k), dueon);
			date_format(date_add_days(d, 20 + 7 * k), closed);
			snprintf(action, sizeof action, "Follow up the %s %s (%d.%d)", topics[(i + k) % 18], methods[(r + k) % 10], r + 1, k + 1);
			a[0] = SQL_I(g->org[b]);
			a[1] = SQL_I(id);
			a[2] = SQL_I(review_ids[r]);
			a[3] = SQL_T(action);
			a[4] = SQL_I(k % 2 ? who(g, p, 2 + k % 4) : who(g, b, 5 + k % 10));
			a[5] = SQL_T(dueon);
			a[6] = SQL_T(open ? "open" : "done");
			a[7] = SQL_I(who(g, b, 3));
			a[8] = SQL_T(g->now);
			a[9] = SQL_T(g->now);
			a[10] = open ? SQL_NUL : SQL_T(closed);
			if (ins(g, STMT_ACTION_INSERT, a, 11, NULL))
				return -1;
		}
		/* Both sides' surveys after the last four held reviews. */
		for (int side = 0; r >= HELD - 4 && side < 2; side++) {
			int base = 3 + (int)((i + r + side) % 3);

			a[0] = SQL_I(g->org[b]);
			a[1] = SQL_I(id);
			a[2] = SQL_I(review_ids[r]);
			a[3] = SQL_T(side ? "provider" : "buyer");
			a[4] = SQL_I(base);
			a[5] = SQL_I(base);
			a[6] = SQL_I(base > 3 ? base - 1 : base);
			a[7] = SQL_I(3);
			a[8] = SQL_I(base);
			a[9] = SQL_T("");
			a[10] = SQL_I(side ? who(g, p, 0) : who(g, b, 3));
			a[11] = SQL_T(g->now);
			if (ins(g, STMT_SURVEY_PUT, a, 12, NULL))
				return -1;
		}
	}
	return 0;
}

/* Five practices found on engagement i, two revisions each, the second published and indexed. */
static int practices_of(struct scale *g, long long i, long long *first_practice)
{
	long long b = g->eng_buyer[i], p = g->eng_provider[i];

	for (int k = 0; k < PRACTICES_PER_ENG; k++) {
		const char *topic = topics[(i * 5 + k) % 18], *method = methods[(i + k * 3) % 10];
		char title[160], body[600], tags[64];
		struct sqlval a[8];
		long long id, rid, done;

		snprintf(title, sizeof title, "%c%s %s for %s work", topic[0] - 32, topic + 1, method, lines[(i + k) % 3]);
		snprintf(body, sizeof body,
			 "Run %s %s every week with the service owners. Start with the **%s** backlog, agree one owner per item, "
			 "and review the %s trend at each business review. Variant %lld.%d keeps the %s log short and public.",
			 topic, method, topics[(i + k + 3) % 18], topics[(i + k + 7) % 18], i + 1, k + 1, method);
		snprintf(tags, sizeof tags, "%s,%s", topic, method);
		a[0] = SQL_I(g->org[p]);
		a[1] = SQL_I(g->eng_id[i]);
		a[2] = SQL_T(industries[b % 10]);
		a[3] = SQL_T(lines[i % 3]);
		a[4] = SQL_I(who(g, p, 2));
		a[5] = SQL_T(g->now);
		a[6] = SQL_T(g->now);
		if (ins(g, STMT_PRACTICE_INSERT, a, 7, &id))
			return -1;
		if (k == 0)
			*first_practice = id;
		for (int rev = 1; rev <= 2; rev++) {
			a[0] = SQL_I(g->org[p]);
			a[1] = SQL_I(id);
			a[2] = SQL_I(rev);
			a[3] = SQL_T(title);
			a[4] = SQL_T(rev == 1 ? "A first draft." : body);
			a[5] = SQL_T(tags);
			a[6] = SQL_I(who(g, p, 2));
			a[7] = SQL_T(g->now);
			if (ins(g, STMT_REVISION_INSERT, a, 8, &rid))
				return -1;
		}
		a[0] = SQL_I(2);
		a[1] = SQL_T(lines[i % 3]);
		a[2] = SQL_T(g->now);
		a[3] = SQL_I(id);
		a[4] = SQL_I(1);
		if (ins(g, STMT_PRACTICE_NEW_REVISION, a, 5, &done))
			return -1;
		a[0] = SQL_I(2);
		a[1] = SQL_T(g->now);
		a[2] = SQL_T(g->now);
		a[3] = SQL_I(id);
		a[4] = SQL_I(2);
		if (ins(g, STMT_PRACTICE_PUBLISH, a, 5, &done))
			return -1;
		a[0] = SQL_I(rid);
		a[1] = SQL_T(title);
		a[2] = SQL_T(tags);
		a[3] = SQL_T(body);
		if (ins(g, STMT_SEARCH_ADD, a, 4, NULL))
			return -1;
	}
	return 0;
}

/* Every other engagement adopts the first practice its provider found on its previous engagement with another buyer. */
static int adoption(struct scale *g, long long i, const long long *first_practice, long long *last_of_provider)
{
	long long p = g->eng_provider[i], from = last_of_provider[p - g->n_buyers], id;
	struct sqlval a[10];
	char day[11];

	if (from < 0 || g->eng_buyer[from] == g->eng_buyer[i])
		return 0;
	date_format(date_add_days(g->today, -(int)(i % 200)), day);
	a[0] = SQL_I(g->org[g->eng_buyer[i]]);
	a[1] = SQL_I(g->org[p]);
	a[2] = SQL_I(first_practice[from]);
	a[3] = SQL_I(g->eng_id[i]);
	a[4] = SQL_T(i % 3 ? "buy-in" : "proposed");
	a[5] = SQL_T(day);
	a[6] = i % 3 ? SQL_T(day) : SQL_NUL;
	a[7] = SQL_I(who(g, g->eng_buyer[i], 3));
	a[8] = SQL_T(g->now);
	a[9] = SQL_T(g->now);
	if (store_int(g->s, STMT_ADOPTION_INSERT, a, 10, &id, g->err) < 0)
		return -1;
	return 0;
}

/* The five monthly KPIs of a service line: its own templates first, then the ITES ones every line can use (CSAT in %). */
static int kpi_sets(struct scale *g)
{
	static const char *const extra[] = {"ites-csat", "ites-fcr", "it-backlog"};

	for (int l = 0; l < 3; l++) {
		int n = 0;

		for (size_t t = 0; t < kpi_templates_count && n < KPIS_PER_ENG; t++)
			if (!strcmp(kpi_templates[t].service_line, lines[l]) && kpi_templates[t].frequency == KPI_MONTHLY)
				g->kpi_set[l][n++] = &kpi_templates[t];
		for (size_t e = 0; e < sizeof extra / sizeof extra[0] && n < KPIS_PER_ENG; e++) {
			const struct kpi_template *t = kpi_template_find(extra[e]);
			bool taken = !t;

			for (int k = 0; t && k < n; k++)
				taken = taken || !strcmp(g->kpi_set[l][k]->name, t->name);
			if (t && !taken)
				g->kpi_set[l][n++] = t;
		}
		if (n < KPIS_PER_ENG) {
			error_set(g->err, 500, "internal", NULL, "demo --scale: too few KPI templates for %s", lines[l]);
			return -1;
		}
	}
	return 0;
}

/* A value of template t in period p of engagement i, KPI k: mostly met, some at risk, a few missed (often for every tenth engagement). */
static double scale_value(const struct kpi_template *t, long long i, int k, int p, enum kpi_status *st)
{
	unsigned h = (unsigned)(i * 2654435761u) ^ (unsigned)(k * 40503 + p * 97);
	double dir = t->direction == KPI_HIGHER ? 1 : -1, span = t->target - t->threshold, j, v;
	int roll;

	h ^= h >> 13;
	h *= 0x5bd1e995u;
	h ^= h >> 15;
	roll = (int)(h % 100);
	j = (double)((h >> 8) % 1000) / 1000.0;
	span = span < 0 ? -span : span;
	if (roll < (i % 10 == 3 ? 45 : 6)) {
		*st = KPI_MISSED;
		v = t->threshold - dir * span * (0.2 + 0.8 * j);
	} else if (roll < (i % 10 == 3 ? 75 : 18)) {
		*st = KPI_AT_RISK;
		v = t->threshold + dir * span * (0.2 + 0.6 * j);
	} else {
		*st = KPI_MET;
		v = t->target + dir * span * 0.2 * j;
	}
	if (!strcmp(t->unit, "%") && v > 100)
		v = 100;
	return v < 0 ? 0 : (double)(long long)(v * 100 + 0.5) / 100;
}

/* Engagement i's contract, its five KPIs, their 24 months of values and the credits its misses owe. */
static int delivery_of(struct scale *g, long long i)
{
	long long b = g->eng_buyer[i], p = g->eng_provider[i], monthly = 5000000 + (i % 40) * 250000;
	struct kpi_period latest = kpi_period_add(kpi_period_of(g->today, KPI_MONTHLY), -1);
	struct sqlval a[12];

	a[0] = SQL_I(monthly * 60);
	a[1] = SQL_I(monthly);
	a[2] = SQL_T("USD");
	a[3] = SQL_I(90);
	a[4] = SQL_T(i % 3 ? "option" : "automatic");
	a[5] = SQL_I(g->eng_id[i]);
	if (ins(g, STMT_ENG_SET_CONTRACT, a, 6, NULL))
		return -1;
	for (int k = 0; k < KPIS_PER_ENG; k++) {
		const struct kpi_template *t = g->kpi_set[i % 3][k];
		char target[32], threshold[32], credit[32];
		long long kpi;

		snprintf(target, sizeof target, "%.10g", t->target);
		snprintf(threshold, sizeof threshold, "%.10g", t->threshold);
		snprintf(credit, sizeof credit, "%.10g", t->credit_percent);
		a[0] = SQL_I(g->org[b]);
		a[1] = SQL_I(g->eng_id[i]);
		a[2] = SQL_T(t->name);
		a[3] = SQL_T(t->unit);
		a[4] = SQL_T(kpi_direction_name(t->direction));
		a[5] = SQL_T(target);
		a[6] = SQL_T(threshold);
		a[7] = SQL_T("monthly");
		a[8] = SQL_T("1");
		a[9] = t->credit_percent > 0 ? SQL_T(credit) : SQL_NUL;
		a[10] = SQL_I(who(g, b, 3));
		a[11] = SQL_T(g->now);
		if (ins(g, STMT_KPI_INSERT, a, 12, &kpi))
			return -1;
		for (int m = KPI_MONTHS - 1; m >= 0; m--) {
			struct kpi_period per = kpi_period_add(latest, -m);
			enum kpi_status st;
			double v = scale_value(t, i, k, per.index, &st);
			char period[8], value[32];

			kpi_period_format(per, period);
			snprintf(value, sizeof value, "%.10g", v);
			a[0] = SQL_I(g->org[b]);
			a[1] = SQL_I(g->eng_id[i]);
			a[2] = SQL_I(kpi);
			a[3] = SQL_T(period);
			a[4] = SQL_T(value);
			a[5] = SQL_T("");
			a[6] = SQL_T("csv");
			a[7] = SQL_I(who(g, p, 2));
			a[8] = SQL_T(g->now);
			if (ins(g, STMT_MEASUREMENT_INSERT, a, 9, NULL))
				return -1;
			if (st != KPI_MISSED || t->credit_percent <= 0)
				continue;
			a[0] = SQL_I(g->org[b]);
			a[1] = SQL_I(g->eng_id[i]);
			a[2] = SQL_I(kpi);
			a[3] = SQL_T(period);
			a[4] = SQL_I(kpi_credit_cents(monthly, t->credit_percent, KPI_MONTHLY));
			a[5] = SQL_T("USD");
			a[6] = SQL_T(g->now);
			if (ins(g, STMT_CREDIT_INSERT, a, 7, NULL))
				return -1;
		}
	}
	return 0;
}

int demo_scale(struct store *s, long long n, FILE *logins, FILE *progress_out, struct error *err)
{
	struct scale g = {0};
	long long count = 0, *first_practice = NULL, *last_of_provider = NULL;
	int rc = -1;
	char password[32] = "accord-scale-demo";

	if (n < 40 || n > 10000000) {
		error_set(err, 422, "invalid", "scale", "the scale is 40 to 10,000,000 engagements (large: 20000)");
		return -1;
	}
	g.s = s;
	g.err = err;
	g.n_eng = n;
	g.n_buyers = n / 10 < 2 ? 2 : n / 10;
	g.n_providers = n / 40 < 2 ? 2 : n / 40;
	g.today = clock_today();
	g.progress = progress_out;
	now_iso(g.now);
	g.org = calloc((size_t)(g.n_buyers + g.n_providers), sizeof *g.org);
	g.user = calloc((size_t)(g.n_buyers + g.n_providers) * PEOPLE, sizeof *g.user);
	g.eng_buyer = calloc((size_t)n, sizeof *g.eng_buyer);
	g.eng_provider = calloc((size_t)n, sizeof *g.eng_provider);
	g.eng_id = calloc((size_t)n, sizeof *g.eng_id);
	first_practice = calloc((size_t)n, sizeof *first_practice);
	last_of_provider = calloc((size_t)g.n_providers, sizeof *last_of_provider);
	if (!g.org || !g.user || !g.eng_buyer || !g.eng_provider || !g.eng_id || !first_practice || !last_of_provider) {
		error_set(err, 500, "internal", NULL, "out of memory");
		goto out;
	}
	if (auth_password_hash(password, g.hash)) {
		error_set(err, 500, "internal", NULL, "cannot hash the demo password");
		goto out;
	}
	/*
	 * One transaction of millions of rows: SQLite's default 2 MB page cache would spill
	 * dirty pages to the WAL over and over (measured: 4,000 engagements took 17 s, mostly
	 * in the kernel). A 1 GB cache for this connection keeps the whole write in memory
	 * until the commit.
	 */
	/* Measured: glibc gave the heap's top back to the kernel after almost every row (a brk and a TLB flush each time, half the run). */
	mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
	mallopt(M_TOP_PAD, 64 * 1024 * 1024);
	if (!strcmp(store_backend_name(s), "sqlite") &&
	    (store_query(s, "PRAGMA cache_size = -1048576", NULL, 0, NULL, NULL, err) < 0 ||
	     /* Every row written here refers to rows written just before it: checking each reference
	      * again is a fifth of the run. The connection is this command's alone and ends with it. */
	     store_query(s, "PRAGMA foreign_keys = OFF", NULL, 0, NULL, NULL, err) < 0))
		goto out;
	if (store_begin(s, err))
		goto out;
	if (store_int(s, STMT_ORG_COUNT, NULL, 0, &count, err) < 0)
		goto fail;
	if (count > 0) {
		error_set(err, 409, "conflict", "db", "the database is not empty; the demo changes nothing (use a new database)");
		goto fail;
	}
	/*
	 * The triggers that keep derived data are off while the rows go in (measured: a fifth of
	 * the run) and on again before the commit; no trust summary exists yet to be stale, and
	 * the search version is raised once at the end. So are the audit triggers: a generated
	 * dataset has no history to keep, and its audit rows would double what is written.
	 */
	if (store_derived_triggers(s, false, err) || store_audit_triggers(s, false, err))
		goto fail;
	if (orgs_and_people(&g))
		goto fail;
	for (long long i = 0; i < n; i++) {
		if (engagement(&g, i))
			goto fail;
		progress(&g, "engagements", i + 1, n);
	}
	if (kpi_sets(&g))
		goto fail;
	for (long long i = 0; i < n; i++) {
		if (delivery_of(&g, i))
			goto fail;
		progress(&g, "delivery", i + 1, n);
	}
	for (long long i = 0; i < n; i++) {
		if (practices_of(&g, i, &first_practice[i]))
			goto fail;
		progress(&g, "practices", i + 1, n);
	}
	for (long long i = 0; i < g.n_providers; i++)
		last_of_provider[i] = -1;
	for (long long i = 0; i < n; i++) {
		if (i % 2 && adoption(&g, i, first_practice, last_of_provider))
			goto fail;
		last_of_provider[g.eng_provider[i] - g.n_buyers] = i;
		progress(&g, "adoptions", i + 1, n);
	}
	if (store_derived_triggers(s, true, err) || store_audit_triggers(s, true, err) ||
	    store_query(s, "UPDATE search_version SET version = version + 1 WHERE id = 1", NULL, 0, NULL, NULL, err) < 0)
		goto fail;
	{
		double t = seconds();

		if (store_commit(s, err))
			goto out;
		if (progress_out)
			fprintf(progress_out, "demo --scale: committed (%.1f s)\n", seconds() - t);
	}
	/* The log-ins of the largest buyer and the largest provider, one per role, all with the shared password. */
	for (int k = 0; k < 5; k++) {
		static const int slots[] = {0, 1, 3, 4, 5};
		role_mask m;

		fprintf(logins, "%s u%d@b1.example %s\n", buyer_slot_role(slots[k], &m), slots[k] + 1, password);
	}
	fprintf(logins, "provider_leadership u1@p1.example %s\n", password);
	fprintf(logins, "provider_consulting u3@p1.example %s\n", password);
	fprintf(logins, "member u7@p1.example %s\n", password);
	rc = 0;
	goto out;
fail:
	store_rollback(s);
out:
	free(g.org);
	free(g.user);
	free(g.eng_buyer);
	free(g.eng_provider);
	free(g.eng_id);
	free(first_practice);
	free(last_of_provider);
	return rc;
}
