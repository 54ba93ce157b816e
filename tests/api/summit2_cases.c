/* summit2_cases: summits in the browser over HTTP — the invitee's answer and its confirmation, the host's attendance, session ratings with the person's own, prospects — and every one of those routes refused to other tenants. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static json_t *req(int who, const char *method, const char *path, const char *body, long want)
{
	json_t *j = NULL;
	long got = call_json(W->S, method, path, W->tok[who], body, &j);

	if (got != want)
		fprintf(stderr, "  %s %s as %s: got %ld, want %ld\n", method, path, W->names[who], got, want);
	CHECK_INT(got, want);
	return j;
}

/* A form post as the browser sends it, with the CSRF field of the page at page_path; the answer's status (location and body kept in r). */
static long form_post(int who, const char *page_path, const char *path, const char *fields, struct resp *r)
{
	char csrf[64];

	memset(r, 0, sizeof *r);
	if (!page_csrf_get(W->S, page_path, W->tok[who], csrf, sizeof csrf)) {
		fprintf(stderr, "  no CSRF field on %s as %s\n", page_path, W->names[who]);
		return -1;
	}
	http(W->S, "POST", path, W->tok[who], fmt("csrf=%s&%s", csrf, fields), "application/x-www-form-urlencoded", NULL, r);
	return r->status;
}

/* form_post when only the status matters. */
static long form_status(int who, const char *page_path, const char *path, const char *fields)
{
	struct resp r;
	long st = form_post(who, page_path, path, fields, &r);

	resp_free(&r);
	return st;
}

/* A planning summit of Northwind's inviting Kestrel alone, with one showcase session: {summit, invitation, session}. */
static void fresh_summit(const char *title, long long out[3])
{
	json_t *j = req(NW_CM, "POST", "/api/v1/summits", fmt("{\"kind\":\"buyer-planning\",\"title\":\"%s\",\"starts_on\":\"2027-04-01\"}", title), 201);

	out[0] = num(j, "id");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/invitations", out[0]), fmt("{\"org_ids\":[%lld]}", W->KE), 200);
	out[1] = num(json_array_get(json_object_get(j, "invitations"), 0), "id");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/sessions", out[0]),
		fmt("{\"kind\":\"showcase\",\"title\":\"Showcase\",\"presenter_org_id\":%lld}", W->NW), 201);
	out[2] = num(json_array_get(json_object_get(j, "sessions"), 0), "id");
	json_decref(j);
}

static const char *invitation_status(int who, long long summit)
{
	static char status[16];
	json_t *j = req(who, "GET", fmt("/api/v1/summits/%lld", summit), NULL, 200);

	snprintf(status, sizeof status, "%s", json_string_value(json_object_get(json_array_get(json_object_get(j, "invitations"), 0), "status")));
	json_decref(j);
	return status;
}

/* The session's my_rating as who reads it: NULL when null. */
static json_t *my_rating(int who, long long summit)
{
	json_t *j = req(who, "GET", fmt("/api/v1/summits/%lld", summit), NULL, 200);
	json_t *r = json_incref(json_object_get(json_array_get(json_object_get(j, "sessions"), 0), "my_rating"));

	json_decref(j);
	if (json_is_null(r)) {
		json_decref(r);
		return NULL;
	}
	return r;
}

/* Once the host recorded attendance, the invitee's answer no longer changes it (409 attended); before, it may change its mind. */
static void test_attended_is_kept(void)
{
	long long x[3];
	json_t *j;

	fresh_summit("Attendance kept", x);
	json_decref(req(KE_LEAD, "PATCH", fmt("/api/v1/invitations/%lld", x[1]), "{\"status\":\"declined\"}", 200));
	json_decref(req(KE_LEAD, "PATCH", fmt("/api/v1/invitations/%lld", x[1]), "{\"status\":\"accepted\"}", 200));
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/invitations/%lld", x[1]), "{\"status\":\"attended\"}", 200));
	j = req(KE_LEAD, "PATCH", fmt("/api/v1/invitations/%lld", x[1]), "{\"status\":\"declined\"}", 409);
	CHECK_STR(error_code(j), "attended");
	CHECK_STR(error_field(j), "status");
	json_decref(j);
	CHECK_STR(invitation_status(NW_CM, x[0]), "attended");
	CHECK_STR(invitation_status(KE_LEAD, x[0]), "attended");
}

/* GET /api/v1/summits/{id}: each session's my_rating is the caller's own, never a colleague's; the host, who does not rate, reads null. */
static void test_my_rating(void)
{
	long long x[3];
	json_t *r;

	fresh_summit("My rating", x);
	CHECK(my_rating(KE_LEAD, x[0]) == NULL);
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/sessions/%lld/ratings", x[2]), "{\"rating\":4,\"comment\":\"Clear.\"}", 200));
	r = my_rating(KE_LEAD, x[0]);
	CHECK(r != NULL);
	CHECK_INT(num(r, "rating"), 4);
	CHECK_STR(json_string_value(json_object_get(r, "comment")), "Clear.");
	CHECK(json_is_string(json_object_get(r, "rated_at")));
	json_decref(r);
	r = my_rating(KE_CONS, x[0]);
	CHECK(r == NULL); /* a colleague's rating is not one's own */
	json_decref(r);
	r = my_rating(NW_CM, x[0]);
	CHECK(r == NULL);
	json_decref(r);
	/* Rating again replaces it. */
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/sessions/%lld/ratings", x[2]), "{\"rating\":2}", 200));
	r = my_rating(KE_LEAD, x[0]);
	CHECK_INT(num(r, "rating"), 2);
	CHECK_STR(json_string_value(json_object_get(r, "comment")), "");
	json_decref(r);
}

/* The summit page's forms: accept, decline (confirmed first), attendance, ratings. */
static void test_summit_forms(void)
{
	long long x[3];
	const char *page, *inv, *rate;
	struct resp r;
	json_t *m;

	fresh_summit("Forms", x);
	page = fmt("/summits/%lld", x[0]);
	inv = fmt("/invitations/%lld", x[1]);
	rate = fmt("/sessions/%lld/ratings", x[2]);
	/* The invitee's page offers its answer and a rating form; the host's the attendance button. */
	http(W->S, "GET", page, W->tok[KE_LEAD], NULL, NULL, NULL, &r);
	CHECK(r.body && strstr(r.body, fmt("action=\"%s", inv)) && strstr(r.body, "Accept the invitation"));
	CHECK(r.body && strstr(r.body, fmt("action=\"%s", rate)) && strstr(r.body, "4 — good"));
	resp_free(&r);
	http(W->S, "GET", page, W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK(r.body && strstr(r.body, "attended</button>") && !strstr(r.body, "Accept the invitation") && !strstr(r.body, fmt("action=\"%s", rate)));
	/* The invite picker offers the providers not yet invited, not Kestrel again. */
	{
		char *picker = r.body ? strstr(r.body, "<select name=\"org_id\"") : NULL, *end = picker ? strstr(picker, "</select>") : NULL;

		CHECK(picker && end);
		if (picker && end) {
			*end = '\0';
			CHECK(strstr(picker, fmt("<option value=\"%lld\">", W->HB)) && strstr(picker, fmt("<option value=\"%lld\">", W->LU)));
			CHECK(!strstr(picker, fmt("<option value=\"%lld\">", W->KE)));
		}
	}
	resp_free(&r);
	/* A member of the invitee sees the summit and may rate, but not answer for its organisation. */
	http(W->S, "GET", page, W->tok[KE_MEMBER], NULL, NULL, NULL, &r);
	CHECK(r.body && !strstr(r.body, "Accept the invitation") && strstr(r.body, fmt("action=\"%s", rate)));
	resp_free(&r);
	CHECK_INT(form_status(KE_MEMBER, page, inv, "status=accepted"), 403);

	/* Accept: back to the summit with the answer saved. */
	CHECK_INT(form_post(KE_LEAD, page, inv, "status=accepted", &r), 303);
	CHECK(strstr(r.location, fmt("/summits/%lld", x[0])) != NULL);
	resp_free(&r);
	CHECK_STR(invitation_status(KE_LEAD, x[0]), "accepted");
	/* Decline binds: the first post only asks to confirm, nothing changes; the confirmed post saves. */
	CHECK_INT(form_post(KE_LEAD, page, inv, "status=declined", &r), 200);
	CHECK(r.body && strstr(r.body, "confirmed") && strstr(r.body, "Decline"));
	resp_free(&r);
	CHECK_STR(invitation_status(KE_LEAD, x[0]), "accepted");
	CHECK_INT(form_status(KE_LEAD, page, inv, "status=declined&confirmed=yes"), 303);
	CHECK_STR(invitation_status(KE_LEAD, x[0]), "declined");
	/* Declined: the page says why there is no rating form, and a rating posted anyway is refused (409), nothing saved. */
	http(W->S, "GET", page, W->tok[KE_LEAD], NULL, NULL, NULL, &r);
	CHECK(r.body && strstr(r.body, "declined this summit") && !strstr(r.body, fmt("action=\"%s", rate)));
	resp_free(&r);
	CHECK_INT(form_status(KE_CONS, page, rate, "session=0&rating=5"), 409);
	CHECK(my_rating(KE_CONS, x[0]) == NULL);
	/* The invitee may not record attendance for itself. */
	CHECK_INT(form_status(KE_LEAD, page, inv, "status=attended"), 403);
	CHECK_STR(invitation_status(KE_LEAD, x[0]), "declined");
	CHECK_INT(form_status(KE_LEAD, page, inv, "status=accepted"), 303);

	/* A rating without a score is refused beside it (422), with the comment kept; then saved in words. */
	CHECK_INT(form_post(KE_CONS, page, rate, fmt("session=%lld&rating=&comment=Kept+comment", x[2]), &r), 422);
	CHECK(r.body && strstr(r.body, "Kept comment") && strstr(r.body, "em class=\"error\""));
	resp_free(&r);
	CHECK_INT(form_status(KE_CONS, page, rate, "rating=six"), 422);
	CHECK_INT(form_status(KE_CONS, page, rate, fmt("session=%lld&rating=5&comment=Sharp", x[2])), 303);
	m = my_rating(KE_CONS, x[0]);
	CHECK_INT(num(m, "rating"), 5);
	json_decref(m);
	http(W->S, "GET", page, W->tok[KE_CONS], NULL, NULL, NULL, &r);
	CHECK(r.body && strstr(r.body, "Your rating: 5 — excellent") && strstr(r.body, "Sharp"));
	resp_free(&r);
	/* The host may not rate its own summit. */
	CHECK_INT(form_status(NW_CM, page, rate, "rating=5"), 403);

	/* The host records attendance; then the invitee's answer is refused on the page too. */
	CHECK_INT(form_post(NW_CM, page, inv, "status=attended", &r), 303);
	resp_free(&r);
	CHECK_STR(invitation_status(NW_CM, x[0]), "attended");
	http(W->S, "GET", page, W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK(r.body && !strstr(r.body, "attended</button>"));
	resp_free(&r);
	CHECK_INT(form_status(KE_LEAD, page, inv, "status=accepted"), 409);
	CHECK_STR(invitation_status(KE_LEAD, x[0]), "attended");
}

/* The invitee and the host only: another tenant reads 404 and gets 404 on the forms; an organisation invited elsewhere too. */
static void test_other_tenants(void)
{
	long long x[3];
	const char *api = NULL;

	fresh_summit("Tenants", x);
	api = fmt("/api/v1/summits/%lld", x[0]);
	json_decref(req(MD_CM, "GET", api, NULL, 404));
	json_decref(req(HB_LEAD, "GET", api, NULL, 404));
	/* They cannot even fetch the page whose CSRF field a post needs: they post with their own page's field. */
	CHECK_INT(form_status(MD_CM, "/summits", fmt("/invitations/%lld", x[1]), "status=accepted"), 404);
	CHECK_INT(form_status(HB_LEAD, "/summits", fmt("/invitations/%lld", x[1]), "status=accepted"), 404);
	CHECK_INT(form_status(MD_CM, "/summits", fmt("/invitations/%lld", x[1]), "status=attended"), 404);
	CHECK_INT(form_status(MD_CM, "/summits", fmt("/sessions/%lld/ratings", x[2]), "rating=1"), 404);
	CHECK_INT(form_status(HB_LEAD, "/summits", fmt("/sessions/%lld/ratings", x[2]), "rating=1"), 404);
	json_decref(req(HB_LEAD, "POST", fmt("/api/v1/sessions/%lld/ratings", x[2]), "{\"rating\":1}", 404));
	json_decref(req(MD_CM, "PATCH", fmt("/api/v1/invitations/%lld", x[1]), "{\"status\":\"accepted\"}", 404));
	CHECK_STR(invitation_status(NW_CM, x[0]), "invited");
	CHECK(my_rating(KE_LEAD, x[0]) == NULL);
}

static bool lists_prospect(int who, long long org)
{
	json_t *j = req(who, "GET", "/api/v1/prospects", NULL, 200), *p;
	bool found = false;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, p) found |= num(p, "org_id") == org;
	json_decref(j);
	return found;
}

/* The summits page's prospects: the provider leadership picks a buyer; anyone else is refused; a provider's list is its own. */
static void test_prospects_form(void)
{
	bool lumen_had = lists_prospect(LU_LEAD, W->MD);
	struct resp r;

	http(W->S, "GET", "/summits", W->tok[KE_LEAD], NULL, NULL, NULL, &r);
	CHECK(r.body && strstr(r.body, "action=\"/prospects") && strstr(r.body, "Meridian"));
	resp_free(&r);
	http(W->S, "GET", "/summits", W->tok[KE_CONS], NULL, NULL, NULL, &r);
	CHECK(r.body && !strstr(r.body, "action=\"/prospects"));
	resp_free(&r);
	CHECK_INT(form_status(KE_LEAD, "/summits", "/prospects", fmt("org_id=%lld", W->LU)), 422); /* a provider is no prospect */
	CHECK_INT(form_status(KE_LEAD, "/summits", "/prospects", "org_id="), 422);
	CHECK_INT(form_status(KE_CONS, "/summits", "/prospects", fmt("org_id=%lld", W->MD)), 403);
	CHECK_INT(form_status(MD_CM, "/summits", "/prospects", fmt("org_id=%lld", W->NW)), 403);
	CHECK(!lists_prospect(KE_LEAD, W->LU));
	CHECK_INT(form_post(KE_LEAD, "/summits", "/prospects", fmt("org_id=%lld", W->MD), &r), 303);
	CHECK(strstr(r.location, "/summits") != NULL);
	resp_free(&r);
	CHECK(lists_prospect(KE_LEAD, W->MD));
	CHECK(lists_prospect(LU_LEAD, W->MD) == lumen_had); /* Kestrel's list is its own */
	/* Once a prospect, the buyer is no longer offered. */
	http(W->S, "GET", "/summits", W->tok[KE_LEAD], NULL, NULL, NULL, &r);
	CHECK(r.body && !strstr(r.body, fmt("<option value=\"%lld\">", W->MD)));
	resp_free(&r);
}

void summit2_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(test_attended_is_kept);
	RUN(test_my_rating);
	RUN(test_summit_forms);
	RUN(test_other_tenants);
	RUN(test_prospects_form);
	*passed += harness_passed;
	*failed += harness_failed;
}
