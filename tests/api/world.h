/* world: what the API test set-up made (server, callers, demo ids) and the case files that run against it. */
#ifndef ACCORD_TEST_WORLD_H
#define ACCORD_TEST_WORLD_H

#include "client.h"

/* The date every server and demo of the API tests takes as today (ACCORD_TODAY). */
#define TEST_TODAY "2026-11-26"

/* Callers of the permission matrix, in column order. */
enum { ADMIN, NW_CXO, NW_CIO, NW_CM, NW_SM, NW_MEMBER, KE_LEAD, KE_CONS, KE_MEMBER, MD_CM, HB_LEAD, LU_LEAD, CALLERS };

struct world {
	struct server *S;
	const char *bin, *db;
	const char *const *names; /* caller names, by the enum above */
	char *const *tok;	  /* bearer tokens */
	const long long *user_id;
	long long NW, MD, KE, HB, LU; /* organisations */
	long long E1, E2, E_MD;	      /* core banking (NW-KE), card disputes (NW-HB), store systems (MD-KE) */
};

/*
 * Each case file runs its cases with its own harness counters and adds how many passed
 * and failed to *passed and *failed.
 */
void reviews_cases_run(const struct world *w, int *passed, int *failed);
void calendar_cases_run(const struct world *w, int *passed, int *failed);
void trust_cases_run(const struct world *w, int *passed, int *failed);
void roadmap_cases_run(const struct world *w, int *passed, int *failed);
void summit_cases_run(const struct world *w, int *passed, int *failed);
void summit2_cases_run(const struct world *w, int *passed, int *failed);
void practice_cases_run(const struct world *w, int *passed, int *failed);
void batch_cases_run(const struct world *w, int *passed, int *failed);
void audit_cases_run(const struct world *w, int *passed, int *failed);
void security_cases_run(const struct world *w, int *passed, int *failed);
void grants_cases_run(const struct world *w, int *passed, int *failed);
void exposure_cases_run(const struct world *w, int *passed, int *failed);
void sealed_cases_run(const struct world *w, int *passed, int *failed);
void acceptance_cases_run(const struct world *w, int *passed, int *failed);
void leak_cases_run(const struct world *w, int *passed, int *failed);
void search_cases_run(const struct world *w, int *passed, int *failed);
void people_cases_run(const struct world *w, int *passed, int *failed);
void roadmap2_cases_run(const struct world *w, int *passed, int *failed);
void threads_cases_run(const struct world *w, int *passed, int *failed);
void forms_cases_run(const struct world *w, int *passed, int *failed);
void inbox_cases_run(const struct world *w, int *passed, int *failed);
void kpi_cases_run(const struct world *w, int *passed, int *failed);
void scorecard_cases_run(const struct world *w, int *passed, int *failed);
void obligation_cases_run(const struct world *w, int *passed, int *failed);

#endif
