/* demo_reviews: the demo's governance history — mandates, two years of reviews with a mix of outcomes, actions and strategic issues. */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "auth.h"
#include "clock.h"
#include "issues.h"
#include "reviews.h"
#include "surveys.h"

/*
 * Each engagement's past reviews follow a pattern, one letter per review in due order
 * (later reviews than the pattern covers are held on time):
 *   O held on time with every mandated role present     L held late, with quorum
 *   Q held on time without the buyer's CxO (no quorum)  M missed (never held)
 *   C cancelled with a reason                           N held on time, no minutes yet
 * surveys gives, per review of the pattern, what both sides answered on every dimension
 * ('1'..'5'; '-' no survey) and kept whether the actions decided at that review were
 * closed by their due date ('y') or late ('n'). Together they draw the trust stories:
 * Core banking earned its partnership, Card disputes is regressing, Digital channels
 * started badly and is now recommended for partnership (docs/trust.md shows the arithmetic).
 */
struct demo_mandate {
	const char *cadence;
	role_mask roles;
	int grace;
	const char *pattern;
	const char *surveys;
	const char *kept;
};

#define CXO ROLE_BIT(ROLE_BUYER_CXO)
#define LEAD ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)
#define CONS ROLE_BIT(ROLE_PROVIDER_CONSULTING)
#define CIO ROLE_BIT(ROLE_UNIT_CIO)

/* In the order of demo.c's engagements. */
static const struct demo_mandate mandates[] = {
	{"half-yearly", CXO | LEAD, 14, "LOOOO", "34455", "yyyyy"},
	{"quarterly", CXO | LEAD | CONS, 10, "OQLMOCN", "332-1-1", "nnnnnnn"},
	{"half-yearly", CIO | LEAD, 14, "L", "3", "y"},
	{"annual", CXO | LEAD, 21, "OMQ", "3-2", "yyy"},
	{"quarterly", CXO | LEAD, 14, "OOOOOOOO", "44454545", "yyyyyyyy"},
	{"quarterly", CXO | LEAD, 14, "QLOOOOO", "2334455", "nnyyyyy"},
};

static const char *const minutes_text[] = {
	"## Service performance\n\nAll critical SLAs met; two incidents above target were reviewed.\n\n"
	"## Roadmap\n\nThe provider presented the next half-year plan and a proposal to automate regression testing.",
	"## Operations\n\nBacklog down 18% since the last review.\n\n## Risks\n\n- Key-person dependency in the night shift\n- Licence renewal in Q2",
	"## Relationship\n\nBoth sides agreed to share the quarterly business plan ahead of the next review.\n\n"
	"Decision: the provider's consulting lead joins the architecture board.",
};

static const char *const action_titles[] = {
	"Share the capacity plan for the next two quarters",
	"Propose a fix for the recurring month-end batch delay",
	"Circulate the updated escalation matrix",
	"Review the knowledge-transfer plan for the new release",
};

struct people {
	long long cm, cxo, lead, cons, cio;
};

/* The first user of the org holding the role, for the engagement's people. */
static int person_cb(void *ctx, const struct sqlval *c, int n)
{
	struct people *p = ctx;
	role_mask r = (role_mask)c[3].i;

	(void)n;
	if ((r & CXO) && !p->cxo)
		p->cxo = c[0].i;
	if ((r & LEAD) && !p->lead)
		p->lead = c[0].i;
	if ((r & CONS) && !p->cons)
		p->cons = c[0].i;
	if ((r & CIO) && !p->cio)
		p->cio = c[0].i;
	return 0;
}

struct past {
	long long id[64];
	char due[64][11];
	int n;
	struct date today;
};

static int past_cb(void *ctx, const struct sqlval *c, int n)
{
	struct past *p = ctx;
	struct date due;

	(void)n;
	if (p->n < 64 && date_parse(c[2].s, &due) && date_compare(due, p->today) < 0) {
		p->id[p->n] = c[0].i;
		snprintf(p->due[p->n], sizeof p->due[0], "%s", c[2].s);
		p->n++;
	}
	return 0;
}

/* Records one past review's outcome: held_on, attendance, minutes and actions. */
static int outcome(struct store *s, const struct caller *cm, const struct people *pp,
		   long long rid, const char *due_s, char what, int grace, int k, struct date today,
		   bool kept, struct error *err)
{
	struct review_input in = {0};
	struct attendee at[5];
	struct date due, held;
	char held_s[11], action_due[11], closed_on[11];
	size_t n = 0;

	date_parse(due_s, &due);
	if (what == 'M')
		return 0;
	if (what == 'C') {
		in.status = "cancelled";
		in.cancel_reason = "Merged into the annual contract renegotiation workshop.";
		return review_update(s, rid, &in, true, err);
	}
	held = what == 'L' ? date_add_days(due, grace + 9) : date_add_days(due, -(k % 3) - 1);
	if (date_compare(held, today) > 0)
		return 0; /* not yet: the demo's today is too early for this outcome */
	date_format(held, held_s);
	in.status = "held";
	in.held_on = held_s;
	in.agenda = "1. Service performance against SLAs\n2. Open actions\n3. Strategic issues and roadmap";
	if (what != 'N') {
		in.minutes = minutes_text[k % 3];
		in.decisions = "- Keep the current service levels\n- Start the automation pilot";
	}
	if (review_update(s, rid, &in, true, err))
		return -1;
	at[n++] = (struct attendee){cm->user_id, true};
	if (pp->cxo)
		at[n++] = (struct attendee){pp->cxo, what != 'Q'};
	if (pp->cio)
		at[n++] = (struct attendee){pp->cio, true};
	if (pp->lead)
		at[n++] = (struct attendee){pp->lead, true};
	if (pp->cons)
		at[n++] = (struct attendee){pp->cons, true};
	if (attendance_set(s, rid, at, n, err))
		return -1;
	for (int a = 0; a < 2; a++) {
		struct date d = date_add_days(held, 21 + 14 * a);
		bool done = date_compare(date_add_days(d, 10), today) < 0 && (k + a) % 4 != 3;
		struct action_input ai = {action_titles[(k + a) % 4], a ? cm->user_id : pp->lead,
					  action_due, done ? "done" : "open", closed_on};

		date_format(d, action_due);
		date_format(date_add_days(d, kept ? -2 : 5), closed_on);
		if (action_create(s, cm, rid, &ai, err) < 0)
			return -1;
	}
	return 0;
}

static int issues(struct store *s, const struct caller *cm, const struct caller *lead,
		  long long eng, long long review_id, int which, struct error *err)
{
	static const struct {
		const char *kind, *title, *body, *answer, *status;
	} list[] = {
		{"plan", "Mobile-first retail banking by 2028",
		 "We plan to move **60%** of retail transactions to mobile. We need the core platform to expose real-time APIs.",
		 "We did this for another bank: an API gateway in front of the core, rolled out product by product over four quarters.",
		 "addressed"},
		{"issue", "Month-end batch overruns delay reporting",
		 "The month-end batch has overrun three times this year; regulatory reports were late once.", NULL, "open"},
		{"imperative", "Cut dispute handling time by a third",
		 "Regulators expect disputes closed within 30 days. Today we average 41.",
		 "In a similar back-office we combined triage automation with a specialist queue; cycle time fell by 35% in six months.",
		 "open"},
		/* Waiting in Kestrel's inbox: shared, not yet answered. */
		{"issue", "Weekend releases clash with the app's busiest hours",
		 "Our mobile app peaks on Saturday mornings, when most releases go out. Two of the last five releases slowed it down.",
		 NULL, "open"},
	};
	struct issue_input in = {list[which].kind, list[which].title, list[which].body, review_id, NULL};
	long long id;

	demo_as(s, cm);
	id = issue_create(s, cm, eng, &in, err);
	if (id < 0)
		return -1;
	demo_as(s, lead);
	if (list[which].answer && issue_respond(s, lead, id, list[which].answer, 0, err) < 0)
		return -1;
	demo_as(s, cm);
	if (strcmp(list[which].status, "open") != 0) {
		struct issue_input up = {NULL, NULL, NULL, 0, list[which].status};

		return issue_update(s, id, &up, err);
	}
	return 0;
}

struct held_state {
	int held;
	char held_on[11];
};

static int held_cb(void *ctx, const struct sqlval *c, int n)
{
	struct held_state *st = ctx;

	(void)n;
	st->held = c[4].s && strcmp(c[4].s, "held") == 0;
	snprintf(st->held_on, sizeof st->held_on, "%s", c[3].s ? c[3].s : "");
	return 1;
}

/* Both sides' answers after a held review, submitted within its period. */
static int survey(struct store *s, long long eng, long long rid, char mood, const struct caller *cm,
		  const struct caller *lead, struct date today, struct error *err)
{
	struct held_state st = {0, ""};
	struct sqlval a[1] = {SQL_I(rid)};
	struct survey_input in = {rid, {0}, NULL};
	struct date held;
	char at[24], day[11];

	if (mood < '1' || mood > '5')
		return 0;
	if (store_exec(s, STMT_REVIEW_GET, a, 1, held_cb, &st, err) < 0)
		return -1;
	if (!st.held || !date_parse(st.held_on, &held))
		return 0;
	/* Answered a few days after the meeting, or today if that is earlier. */
	held = date_add_days(held, 3);
	if (date_compare(held, today) > 0)
		held = today;
	date_format(held, day);
	snprintf(at, sizeof at, "%sT16:00:00Z", day);
	for (int i = 0; i < SD__MAX; i++)
		in.answers[i] = mood - '0';
	in.comment = mood >= '4' ? "Good momentum; the review was worth our time." :
		     mood <= '2' ? "Too many surprises since the last review." : "Steady, with room to improve.";
	demo_as(s, cm);
	if (survey_record(s, cm, eng, true, &in, at, err))
		return -1;
	demo_as(s, lead);
	return survey_record(s, lead, eng, false, &in, at, err);
}

struct eng_info {
	long long cm;
	struct date starts;
};

static int eng_cb(void *ctx, const struct sqlval *c, int n)
{
	struct eng_info *e = ctx;

	(void)n;
	e->cm = c[9].i;
	date_parse(c[7].s, &e->starts);
	return 1;
}

int demo_governance(struct store *s, const long long *engagement_ids, size_t n,
		    struct error *err)
{
	struct date today = clock_today();

	for (size_t i = 0; i < n && i < sizeof mandates / sizeof mandates[0]; i++) {
		const struct demo_mandate *d = &mandates[i];
		struct mandate_input in = {d->cadence, d->roles, d->grace};
		long long eng = engagement_ids[i];
		struct sqlval a[5] = {SQL_I(eng), SQL_I(0), SQL_I(0), SQL_I(0), SQL_I(1000)};
		struct people pp = {0};
		struct past past = {.today = today};
		struct eng_info info = {0};
		struct caller cm, lead;

		if (store_exec(s, STMT_ENG_PEOPLE, a, 2, person_cb, &pp, err) < 0 ||
		    store_exec(s, STMT_ENG_GET, a, 1, eng_cb, &info, err) < 0)
			return -1;
		if (auth_caller_load(s, info.cm, &cm) != 0 || auth_caller_load(s, pp.lead, &lead) != 0) {
			error_set(err, 500, "internal", NULL, "demo: cannot load the engagement's people");
			return -1;
		}
		pp.cm = cm.user_id;
		/* The mandate was set when the contract was signed: plan the whole term. */
		demo_as(s, &cm);
		if (mandate_set_from(s, &cm, eng, &in, info.starts, err))
			return -1;
		if (store_exec(s, STMT_REVIEW_LIST_ENG, a, 5, past_cb, &past, err) < 0)
			return -1;
		for (int k = 0; k < past.n; k++) {
			char what = k < (int)strlen(d->pattern) ? d->pattern[k] : 'O';
			char mood = k < (int)strlen(d->surveys) ? d->surveys[k] : '-';
			bool kept = k >= (int)strlen(d->kept) || d->kept[k] == 'y';

			demo_as(s, &cm);
			if (outcome(s, &cm, &pp, past.id[k], past.due[k], what, d->grace, k, today, kept, err) ||
			    survey(s, eng, past.id[k], mood, &cm, &lead, today, err))
				return -1;
		}
		if ((i < 3 || i == 5) && issues(s, &cm, &lead, eng, past.n ? past.id[past.n - 1] : 0, i == 5 ? 3 : (int)i, err))
			return -1;
		demo_as(s, NULL);
		if (i == 0 && date_compare(date_add_days(today, 12), info.starts) >= 0) {
			/* A steering meeting coming up soon, so reminders have something to say (once the engagement has begun). */
			char due[11];

			date_format(date_add_days(today, 12), due);
			if (review_create_adhoc(s, eng, due,
						"Steering committee: the mobile roadmap and its API needs",
						err) < 0)
				return -1;
		}
	}
	return 0;
}
