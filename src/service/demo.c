/* demo: the demo world — two buyers, three providers, their people, units and engagements (their governance in demo_reviews.c). */
#include "demo.h"

#include <string.h>

#include "auth.h"
#include "engagements.h"
#include "orgs.h"

struct demo_org {
	const char *name, *kind, *industry, *domain;
};

struct demo_user {
	int org; /* index into orgs */
	const char *local, *name;
	enum role role;
};

struct demo_unit {
	int org;
	const char *name;
	int cio; /* index into users, -1: none */
};

struct demo_engagement {
	int buyer, provider, manager; /* indexes */
	const char *title, *service_line, *starts, *ends;
	const char *gov[GOV__MAX];
	const char *partnership_reason; /* non-NULL: moved to partnership mode */
};

static const struct demo_org orgs[] = {
	{"accord Operations", "platform", "Software", "accord.example"},
	{"Northwind Bank", "buyer", "Banking", "northwind.example"},
	{"Meridian Retail", "buyer", "Retail", "meridian.example"},
	{"Kestrel IT Services", "provider", "IT services", "kestrel.example"},
	{"Harbor BPO", "provider", "Business process outsourcing", "harbor.example"},
	{"Lumen Consulting", "provider", "Management consulting", "lumen.example"},
};

static const struct demo_user users[] = {
	{0, "admin", "Ada Admin", ROLE_ADMIN},
	{1, "helen.park", "Helen Park", ROLE_BUYER_CXO},
	{1, "raj.iyer", "Raj Iyer", ROLE_UNIT_CIO},
	{1, "sofia.marin", "Sofia Marin", ROLE_UNIT_CIO},
	{1, "tom.okafor", "Tom Okafor", ROLE_CONTRACT_MANAGER},
	{1, "lena.fischer", "Lena Fischer", ROLE_SOURCING_MANAGER},
	{1, "mia.chen", "Mia Chen", ROLE_MEMBER},
	{2, "david.ross", "David Ross", ROLE_BUYER_CXO},
	{2, "amara.diallo", "Amara Diallo", ROLE_UNIT_CIO},
	{2, "jonas.berg", "Jonas Berg", ROLE_CONTRACT_MANAGER},
	{2, "priya.nair", "Priya Nair", ROLE_SOURCING_MANAGER},
	{3, "anil.mehta", "Anil Mehta", ROLE_PROVIDER_LEADERSHIP},
	{3, "grace.liu", "Grace Liu", ROLE_PROVIDER_CONSULTING},
	{3, "omar.haddad", "Omar Haddad", ROLE_MEMBER},
	{4, "claire.dubois", "Claire Dubois", ROLE_PROVIDER_LEADERSHIP},
	{4, "ken.sato", "Ken Sato", ROLE_PROVIDER_CONSULTING},
	{5, "maria.lopez", "Maria Lopez", ROLE_PROVIDER_LEADERSHIP},
	{5, "ben.walker", "Ben Walker", ROLE_PROVIDER_CONSULTING},
};

static const struct demo_unit units[] = {
	{1, "Retail Banking", 2},	{1, "Corporate Banking", 3}, {1, "Group Technology", -1},
	{2, "Stores", 8},		{2, "E-commerce", -1},	     {2, "Supply Chain", -1},
};

static const struct demo_engagement engagements[] = {
	{1, 3, 4, "Core banking application maintenance", "IT", "2024-04-01", "2029-03-31",
	 {"joint", "joint", "provider"},
	 "Three business reviews in a row held on time with both leaderships present; trust is established."},
	{1, 4, 4, "Card dispute back-office", "BPO", "2025-01-01", "2027-12-31",
	 {"buyer", "buyer", "provider"}, NULL},
	{1, 5, 5, "Cloud migration advisory", "IT", "2026-01-15", "2026-12-31",
	 {"joint", "buyer", "joint"}, NULL},
	{2, 3, 9, "Store systems support", "IT", "2023-07-01", "2028-06-30",
	 {"buyer", "buyer", "provider"}, NULL},
	{2, 4, 10, "Customer contact centre", "ITES", "2024-10-01", "2029-09-30",
	 {"buyer", "joint", "provider"}, NULL},
	{1, 3, 5, "Digital channels development", "IT", "2025-01-15", "2028-01-14",
	 {"buyer", "joint", "provider"}, NULL},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The one engagement the demo leaves pending: Meridian asks Kestrel for a second engagement,
 * so Kestrel's leadership (whose log-in the demo prints) finds it in its inbox to accept.
 */
static const struct demo_engagement pending_engagement = {
	2, 3, 9, "E-commerce platform support", "IT", "2027-01-01", "2029-12-31", {"joint", "buyer", "provider"}, NULL};

/* Creates a demo engagement as its contract manager; accepts it as the provider's leadership unless pending. */
static long long demo_engagement(struct store *s, const long long *org_ids, const long long *user_ids,
				 const struct demo_engagement *d, bool accept, struct error *err)
{
	struct engagement_input in = {0};
	struct caller c;
	long long id;

	if (auth_caller_load(s, user_ids[d->manager], &c) != 0) {
		error_set(err, 500, "internal", NULL, "demo: cannot load a contract manager");
		return -1;
	}
	in.provider_org_id = org_ids[d->provider];
	in.title = d->title;
	in.service_line = d->service_line;
	in.starts_on = d->starts;
	in.ends_on = d->ends;
	in.contract_manager_id = user_ids[d->manager];
	for (int g = 0; g < GOV__MAX; g++)
		in.gov[g] = d->gov[g];
	demo_as(s, &c);
	if ((id = engagement_create(s, &c, &in, err)) < 0)
		return -1;
	for (size_t u = 0; accept && u < N(users); u++) {
		struct caller lead;

		if (users[u].org != d->provider || users[u].role != ROLE_PROVIDER_LEADERSHIP)
			continue;
		if (auth_caller_load(s, user_ids[u], &lead) != 0) {
			error_set(err, 500, "internal", NULL, "demo: cannot load a provider's leadership");
			return -1;
		}
		demo_as(s, &lead);
		if (engagement_decide(s, &lead, id, true, NULL, err) != 0)
			return -1;
		demo_as(s, &c);
		break;
	}
	if (d->partnership_reason && engagement_set_mode(s, &c, id, "partnership", d->partnership_reason, err) != 0)
		return -1;
	return id;
}

int demo_fill(struct store *s, FILE *logins, struct error *err)
{
	long long org_ids[N(orgs)], user_ids[N(users)], eng_ids[N(engagements)], count = 0, best_practice = 0;
	char passwords[N(users)][32], emails[N(users)][128];
	unsigned printed[ORG_KIND__MAX] = {0};

	if (store_begin(s, err))
		return -1;
	if (store_int(s, STMT_ORG_COUNT, NULL, 0, &count, err) < 0)
		goto fail;
	if (count > 0) {
		error_set(err, 409, "conflict", "db",
			  "the database is not empty; the demo changes nothing (use a new database)");
		goto fail;
	}
	for (size_t i = 0; i < N(orgs); i++) {
		struct org_input in = {orgs[i].name, orgs[i].kind, orgs[i].industry};

		if ((org_ids[i] = org_create(s, &in, err)) < 0)
			goto fail;
	}
	for (size_t i = 0; i < N(users); i++) {
		struct user_input in;

		snprintf(emails[i], sizeof emails[i], "%s@%s", users[i].local,
			 orgs[users[i].org].domain);
		auth_random_token(passwords[i], sizeof passwords[i], 12);
		in.org_id = org_ids[users[i].org];
		in.email = emails[i];
		in.name = users[i].name;
		in.roles = ROLE_BIT(users[i].role);
		in.password = passwords[i];
		if ((user_ids[i] = user_create(s, &in, err)) < 0)
			goto fail;
	}
	for (size_t i = 0; i < N(units); i++) {
		struct unit_input in = {org_ids[units[i].org], units[i].name,
					units[i].cio >= 0 ? user_ids[units[i].cio] : 0};

		if (unit_create(s, &in, err) < 0)
			goto fail;
	}
	for (size_t i = 0; i < N(engagements); i++)
		if ((eng_ids[i] = demo_engagement(s, org_ids, user_ids, &engagements[i], true, err)) < 0)
			goto fail;
	demo_as(s, NULL);
	if (demo_governance(s, eng_ids, N(engagements), err) || demo_delivery(s, eng_ids, N(engagements), err) ||
	    demo_practices(s, eng_ids, &best_practice, err) ||
	    demo_summits(s, best_practice, err))
		goto fail;
	/* Last, so that nothing above (summit invitations of customers among them) counts it. */
	if (demo_engagement(s, org_ids, user_ids, &pending_engagement, false, err) < 0)
		goto fail;
	demo_as(s, NULL);
	if (store_commit(s, err))
		return -1;
	for (size_t i = 0; i < N(users); i++) {
		int kind = org_kind_parse(orgs[users[i].org].kind);

		if (printed[kind] & ROLE_BIT(users[i].role))
			continue;
		printed[kind] |= ROLE_BIT(users[i].role);
		fprintf(logins, "%s %s %s\n", role_name(users[i].role), emails[i], passwords[i]);
	}
	return 0;
fail:
	store_rollback(s);
	return -1;
}
