/* credit_decisions: a service credit owed is applied or waived by the buyer, once, with the reason a waiver needs. */
#include "credit_decisions.h"

#include <string.h>

#include "orgs.h"
#include "scorecard.h"

static int credit_row(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(json_t **)ctx = credit_row_json(c);
	return 1;
}

json_t *credit_get_json(struct store *s, long long id)
{
	struct sqlval a[1] = {SQL_I(id)};
	json_t *o = NULL;

	if (store_exec(s, STMT_CREDIT_GET, a, 1, credit_row, &o, NULL) < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

bool credit_decision_check(const char *status, const char *reason, struct error *err)
{
	if (!status || (strcmp(status, "applied") != 0 && strcmp(status, "waived") != 0)) {
		error_set(err, 422, status ? "invalid" : "required", "status", "status is applied or waived");
		return false;
	}
	if (reason && strlen(reason) > CREDIT_REASON_MAX) {
		error_set(err, 422, "too_long", "reason", "the reason is at most %d characters", CREDIT_REASON_MAX);
		return false;
	}
	if (!strcmp(status, "waived") && text_is_blank(reason)) {
		error_set(err, 422, "required", "reason", "a waiver needs a reason");
		return false;
	}
	return true;
}

int credit_decide(struct store *s, const struct caller *c, long long id, const char *status, const char *reason,
		  struct error *err)
{
	json_t *credit;
	struct sqlval a[5];
	char now[24];
	long long done = 0;
	int rc;

	if (!credit_decision_check(status, reason, err))
		return -1;
	credit = credit_get_json(s, id);
	if (!credit) {
		error_set(err, 404, "not_found", NULL, "no such credit");
		return -1;
	}
	if (strcmp(json_string_value(json_object_get(credit, "status")), "owed") != 0) {
		error_set(err, 409, "conflict", "status", "only an owed credit can be decided: this one is already %s",
			  json_string_value(json_object_get(credit, "status")));
		json_decref(credit);
		return -1;
	}
	json_decref(credit);
	now_iso(now);
	a[0] = SQL_T(status);
	a[1] = SQL_T(!text_is_blank(reason) ? reason : "");
	a[2] = SQL_I(c->user_id);
	a[3] = SQL_T(now);
	a[4] = SQL_I(id);
	rc = store_int(s, STMT_CREDIT_DECIDE, a, 5, &done, err);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		error_set(err, 409, "conflict", "status", "only an owed credit can be decided: this one was just decided");
		return -1;
	}
	return 0;
}
