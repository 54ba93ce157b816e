/* leak_cases: the leak check from the attacker's side over HTTP (docs/practices.md, "Leak check") — a practice naming a second customer of its provider, every disguise, the origin's approval seeing only itself, no echo of a stored term, the demo's practices passing, and organisation names that read alike. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;
/* Read from the running server: Northwind's and Meridian's names, Northwind's contract manager. */
static char NW_NAME[128], MD_NAME[128], NW_PERSON[128];

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* One request; checks the status (printing the answer when it is not the one wanted) and returns the parsed body. */
static json_t *req(int who, const char *method, const char *path, const char *body, long want)
{
	struct resp r;
	json_t *j;

	http(W->S, method, path, W->tok[who], body, NULL, NULL, &r);
	if (r.status != want)
		fprintf(stderr, "  %s %s as %s: got %ld, want %ld: %.400s\n", method, path, W->names[who], r.status, want,
			r.body ? r.body : "");
	CHECK_INT(r.status, want);
	j = r.json;
	r.json = NULL;
	resp_free(&r);
	return j;
}

/* A JSON string literal of s, quotes included; malloc'd. */
static char *quoted(const char *s)
{
	json_t *j = json_string(s);
	char *out = json_dumps(j, JSON_ENCODE_ANY);

	json_decref(j);
	return out;
}

/* A new draft by who on engagement origin; returns its id. */
static long long draft(int who, long long origin, const char *title, const char *body, const char *tags)
{
	char *t = quoted(title), *b = quoted(body);
	json_t *j = req(who, "POST", "/api/v1/practices",
			fmt("{\"title\":%s,\"body\":%s,\"tags\":%s,\"origin_engagement_id\":%lld}", t, b, tags ? tags : "[]", origin),
			201);
	long long id = num(j, "id");

	free(t);
	free(b);
	json_decref(j);
	CHECK(id > 0);
	return id;
}

static json_t *findings_of(json_t *answer)
{
	return json_object_get(json_object_get(answer, "error"), "findings");
}

/* The finding with this term (the author's span), field and customer, or NULL. */
static json_t *finding(json_t *findings, const char *term, const char *field, long long customer)
{
	size_t i;
	json_t *f;

	json_array_foreach(findings, i, f) if (!strcmp(str(f, "term"), term) && !strcmp(str(f, "field"), field) &&
					       num(f, "customer_org_id") == customer) return f;
	return NULL;
}

static void print_findings(json_t *findings)
{
	size_t i;
	json_t *f;

	json_array_foreach(findings, i, f) fprintf(stderr, "    {%s, %s, %s, %lld}\n", str(f, "term"), str(f, "field"), str(f, "kind"),
						 num(f, "customer_org_id"));
}

/* ---- a second customer of the provider ---- */

static void test_second_customer(void)
{
	/* Kestrel's practice found at Northwind (E1) that names Meridian, Kestrel's other customer. */
	long long p = draft(KE_LEAD, W->E1, "Zqsecond store roll-out",
			    fmt("We first tried this at %s and it cut store outages by half.", MD_NAME), NULL);
	json_t *j = req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 422), *f;

	CHECK_STR(error_code(j), "leak");
	f = finding(findings_of(j), MD_NAME, "body", W->MD);
	CHECK(f != NULL);
	if (f)
		CHECK_STR(str(f, "kind"), "organisation");
	if (!f)
		print_findings(findings_of(j));
	json_decref(j);

	/* Northwind's approval cannot waive Meridian's name: asking is refused the same way, nothing is written. */
	j = req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{\"request_approval\":true}", 422);
	CHECK_STR(error_code(j), "leak");
	CHECK(finding(findings_of(j), MD_NAME, "body", W->MD) != NULL);
	json_decref(j);
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_STR(str(j, "status"), "draft");
	CHECK_INT(json_array_size(json_object_get(j, "approvals")), 0);
	json_decref(j);
	json_decref(req(NW_CM, "GET", fmt("/api/v1/practices/%lld", p), NULL, 404));
	json_decref(req(MD_CM, "GET", fmt("/api/v1/practices/%lld", p), NULL, 404));

	/* A Meridian person, disguised with a Cyrillic е: the term is the author's span, not Meridian's stored name. */
	p = draft(KE_LEAD, W->E1, "Zqsecond person", "Agreed with Jonas B\xd0\xb5rg last spring.", NULL);
	j = req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 422);
	f = finding(findings_of(j), "Jonas B\xd0\xb5rg", "body", W->MD);
	CHECK(f != NULL);
	if (f)
		CHECK_STR(str(f, "kind"), "person");
	else
		print_findings(findings_of(j));
	json_decref(j);

	/* Meridian's mail domain, in a link: kind domain. */
	p = draft(KE_LEAD, W->E1, "Zqsecond domain", "See [the write-up](https://intranet.meridian.example/wiki).", NULL);
	j = req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 422);
	f = finding(findings_of(j), "meridian.example", "body", W->MD);
	CHECK(f != NULL);
	if (f)
		CHECK_STR(str(f, "kind"), "domain");
	else
		print_findings(findings_of(j));
	json_decref(j);
}

/* ---- every disguise, over HTTP ---- */

struct disguise {
	const char *body;  /* %s is Northwind's name or person, disguised by the row */
	const char *span;  /* the finding's term: what the author wrote */
	const char *why;
};

static void test_disguises(void)
{
	/* Northwind Bank's name in each disguise; the span is exactly what was written (as the reader sees it). */
	static const struct disguise rows[] = {
		{"Done for NORTHWIND BANK last year.", "NORTHWIND BANK", "case"},
		{"Done for N\xc3\xb6rthw\xc3\xafnd Bank last year.", "N\xc3\xb6rthw\xc3\xafnd Bank", "accents"},
		{"Done for \xef\xbc\xae\xef\xbd\x8f\xef\xbd\x92\xef\xbd\x94\xef\xbd\x88\xef\xbd\x97\xef\xbd\x89\xef\xbd\x8e\xef\xbd\x84 Bank.",
		 "\xef\xbc\xae\xef\xbd\x8f\xef\xbd\x92\xef\xbd\x94\xef\xbd\x88\xef\xbd\x97\xef\xbd\x89\xef\xbd\x8e\xef\xbd\x84 Bank", "NFKC: fullwidth letters"},
		{"Done for North\xe2\x80\x8bwind Bank.", "North\xe2\x80\x8bwind Bank", "a zero width space"},
		{"Done for North\xc2\xadwind Bank.", "North\xc2\xadwind Bank", "a soft hyphen"},
		{"Done for North\xe2\x80\xaewind Bank.", "North\xe2\x80\xaewind Bank", "a bidi override"},
		{"Done for North\xf3\xa0\x81\x81wind Bank.", "North\xf3\xa0\x81\x81wind Bank", "a tag character"},
		{"Done for N\xd0\xberthwind Bank.", "N\xd0\xberthwind Bank", "a Cyrillic look-alike"},
		{"Done for \xce\x9dorthwind Bank.", "\xce\x9dorthwind Bank", "a Greek capital look-alike"},
		{"Done for N o r t h w i n d Bank.", "N o r t h w i n d Bank", "spacing"},
		{"Done for North-wind Bank.", "North-wind Bank", "a hyphen"},
		{"Done for NorthwindBank.", "NorthwindBank", "concatenation"},
		{"Done for Northwind Bank's board.", "Northwind Bank", "a possessive"},
		{"Done for two Northwind Banks.", "Northwind Bank", "a plural"},
		{"Done for **North**wind Bank.", "Northwind Bank", "Markdown emphasis inside a word"},
		{"Done for &#78;orthwind Bank.", "Northwind Bank", "an entity"},
		{"Done for North<span>wind</span> Bank.", "Northwind Bank", "HTML tags inside a word (they show nothing)"},
		{"See [the report](https://example.com \"Northwind Bank\").", "Northwind Bank", "a link title"},
		{"![Northwind Bank logo](logo.png)", "Northwind Bank", "image alt text"},
		{"See [the report](https://northwind-bank.example/q3).", "northwind-bank", "a link's host name"},
	};
	/* Northwind's contract manager, by name: the other order and an initial. */
	char surname_first[160], initial[160];
	const char *space = strchr(NW_PERSON, ' ');

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		long long p = draft(KE_CONS, W->E1, fmt("Zqdisguise %zu", i), rows[i].body, NULL);
		json_t *j = req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 422);

		if (!finding(findings_of(j), rows[i].span, "body", W->NW)) {
			fprintf(stderr, "  disguise %zu (%s): no finding \"%s\"\n", i, rows[i].why, rows[i].span);
			print_findings(findings_of(j));
			CHECK(false);
		}
		json_decref(j);
	}
	CHECK(space != NULL);
	if (!space)
		return;
	snprintf(surname_first, sizeof surname_first, "%s, %.*s", space + 1, (int)(space - NW_PERSON), NW_PERSON);
	snprintf(initial, sizeof initial, "%c. %s", NW_PERSON[0], space + 1);
	{
		const char *people[2] = {surname_first, initial};

		for (int k = 0; k < 2; k++) {
			long long p = draft(KE_CONS, W->E1, fmt("Zqperson %d", k), fmt("Signed off by %s in May.", people[k]), NULL);
			json_t *j = req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 422), *f;

			f = finding(findings_of(j), people[k], "body", W->NW);
			CHECK(f != NULL);
			if (f)
				CHECK_STR(str(f, "kind"), "person");
			else
				print_findings(findings_of(j));
			json_decref(j);
		}
	}
	/* The title is checked as well as the body. */
	{
		long long p = draft(KE_CONS, W->E1, "Lessons from N\xd0\xberthwind Bank", "A plain text.", NULL);
		json_t *j = req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 422);

		CHECK(finding(findings_of(j), "N\xd0\xberthwind Bank", "title", W->NW) != NULL);
		json_decref(j);
	}
}

/* ---- the provider's page shows each finding beside its field, escaped ---- */

/* The practice's page as who sees it (the API token is also a session for pages); malloc'd HTML or NULL. */
static char *page(int who, long long id)
{
	struct resp r;
	char *html = NULL;

	http(W->S, "GET", fmt("/practices/%lld", id), NULL, NULL, NULL, fmt("accord_session=%s", W->tok[who]), &r);
	CHECK_INT(r.status, 200);
	if (r.status == 200 && r.body)
		html = strdup(r.body);
	resp_free(&r);
	return html;
}

static void test_page_shows_findings(void)
{
	/* The span of a title holding tags is shown as text, never as markup. */
	long long p = draft(KE_LEAD, W->E1, "Done for North<i>wind</i> Bank", "A plain text.", NULL);
	char *html = page(KE_LEAD, p);

	CHECK(html && strstr(html, "<ul class=\"findings\" data-field=\"title\">") != NULL);
	CHECK(html && strstr(html, "North&lt;i&gt;wind&lt;/i&gt; Bank") != NULL);
	CHECK(html && strstr(html, "<strong>North<i>") == NULL);
	CHECK(html && strstr(html, "the customer it was found with") != NULL);
	CHECK(html && strstr(html, "name=\"request_approval\"") != NULL);
	free(html);

	/* Another customer named: marked as such, and no way offered to ask for approval. */
	p = draft(KE_LEAD, W->E1, "Zqpage second customer", fmt("Tried first at %s.", MD_NAME), NULL);
	html = page(KE_LEAD, p);
	CHECK(html && strstr(html, "<ul class=\"findings\" data-field=\"body\">") != NULL);
	CHECK(html && strstr(html, "another of your customers: approval cannot waive it") != NULL);
	CHECK(html && strstr(html, "no approval can publish it") != NULL);
	CHECK(html && strstr(html, "name=\"request_approval\"") == NULL);
	free(html);
}

/* ---- a stored confidential term is never echoed ---- */

static void test_no_echo(void)
{
	/* The demo keeps "Project Bluebird" confidential for Northwind; the author writes it otherwise. */
	const char *written = "pr\xd0\xbeject-BLUEBIRD";
	long long p = draft(KE_LEAD, W->E1, "Zqecho rollout", fmt("Lessons from %s.", written), NULL);
	struct resp r;

	http(W->S, "POST", fmt("/api/v1/practices/%lld/publish", p), W->tok[KE_LEAD], "{}", NULL, NULL, &r);
	CHECK_INT(r.status, 422);
	CHECK(r.body && strstr(r.body, "BLUEBIRD") != NULL);
	CHECK(r.body && strstr(r.body, "Project Bluebird") == NULL);
	CHECK(r.body && strstr(r.body, "Canary Wharf") == NULL);
	if (r.json) {
		json_t *f = finding(findings_of(r.json), written, "body", W->NW);

		CHECK(f != NULL);
		if (f)
			CHECK_STR(str(f, "kind"), "confidential");
	}
	resp_free(&r);
}

/* ---- the origin's approval sees only the origin ---- */

/* Puts back the confidential terms a GET of path answered (before), as Meridian's contract manager. */
static void terms_restore(const char *path, json_t *before)
{
	json_t *o = json_pack("{s:O}", "terms", json_object_get(before, "terms"));
	char *body = json_dumps(o, JSON_COMPACT);

	json_decref(req(MD_CM, "PUT", path, body, 200));
	free(body);
	json_decref(o);
}

static void test_origin_sees_only_itself(void)
{
	const char *md_terms = fmt("/api/v1/orgs/%lld/confidential-terms", W->MD);
	json_t *before = req(MD_CM, "GET", md_terms, NULL, 200), *mine, *j, *a = NULL, *x;
	char *body;
	long long p;
	size_t i;

	/* A text naming Northwind only: asking Northwind to approve is allowed. */
	p = draft(KE_LEAD, W->E1, fmt("Zqorigin pilot at %s", NW_NAME), "The Zqkingfisher ledger pilot went well.", NULL);
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{\"request_approval\":true}", 202));

	/* Meridian then keeps "Zqkingfisher" confidential: the text now names Meridian too. */
	mine = json_deep_copy(json_object_get(before, "terms"));
	json_array_append_new(mine, json_string("Zqkingfisher"));
	{
		json_t *o = json_pack("{s:O}", "terms", mine);

		body = json_dumps(o, JSON_COMPACT);
		json_decref(o);
	}
	json_decref(req(MD_CM, "PUT", md_terms, body, 200));
	free(body);

	/* Northwind's contract manager sees the findings about Northwind only, and not the text that now names Meridian. */
	j = req(NW_CM, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	json_array_foreach(json_object_get(j, "approvals"), i, x) if (num(x, "revision") == 1) a = x;
	CHECK(a != NULL);
	if (a) {
		json_t *f;
		size_t k;

		CHECK(json_array_size(json_object_get(a, "findings")) >= 1);
		json_array_foreach(json_object_get(a, "findings"), k, f) CHECK_INT(num(f, "customer_org_id"), W->NW);
		CHECK(json_object_get(a, "text") == NULL);
	}
	json_decref(j);
	/* Approving is refused: Northwind cannot waive Meridian's term; the practice stays a draft. */
	j = req(NW_CM, "POST", fmt("/api/v1/practices/%lld/approval", p), "{\"revision\":1,\"decision\":\"approve\"}", 422);
	CHECK_STR(error_code(j), "leak");
	json_decref(j);
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_STR(str(j, "status"), "draft");
	json_decref(j);
	/* The author sees both customers' findings. */
	j = req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 422);
	CHECK(finding(findings_of(j), "Zqkingfisher", "body", W->MD) != NULL);
	CHECK(finding(findings_of(j), NW_NAME, "title", W->NW) != NULL);
	json_decref(j);

	/* Meridian's list as it was. */
	terms_restore(md_terms, before);
	json_decref(mine);
	json_decref(before);
}

/* ---- no false alarms: ordinary texts and the demo's own practices publish ---- */

static void test_ordinary_texts_publish(void)
{
	static const char *const bodies[] = {
		"Our operations and finance teams in the retail banking group agreed a shared services calendar for every store.",
		"Bad weather delayed two site visits; the change board met online and the programme stayed on plan.",
		"Corporate banking and group technology units each named one owner for the supply chain data.",
	};

	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		long long p = draft(KE_CONS, W->E1, fmt("Zqordinary %zu", i), bodies[i], "[\"operations\",\"finance\"]");
		json_t *j = req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 200);

		json_decref(j);
		json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/retire", p), "{}", 200));
	}
}

/* Each practice the demo published, written again by its author on the same engagement: none is flagged. */
static void test_demo_practices_pass(void)
{
	int authors[2] = {KE_LEAD, HB_LEAD};
	int checked = 0;

	for (int a = 0; a < 2; a++) {
		json_t *list = req(authors[a], "GET", "/api/v1/practices?limit=100", NULL, 200), *x;
		size_t i;

		json_array_foreach(json_object_get(list, "items"), i, x)
		{
			json_t *p, *tags, *again;
			char *tags_json;
			long long copy;

			if (num(x, "provider_org_id") != (a == 0 ? W->KE : W->HB) || strcmp(str(x, "status"), "published") ||
			    !strncmp(str(x, "title"), "Zq", 2))
				continue;
			p = req(authors[a], "GET", fmt("/api/v1/practices/%lld", num(x, "id")), NULL, 200);
			tags = json_object_get(p, "tags");
			tags_json = json_dumps(tags, JSON_COMPACT);
			copy = draft(authors[a], num(json_object_get(p, "provenance"), "engagement_id"), str(p, "title"), str(p, "body"),
				     tags_json);
			again = req(authors[a], "POST", fmt("/api/v1/practices/%lld/publish", copy), "{}", 200);
			if (!again || strcmp(str(again, "status"), "published"))
				fprintf(stderr, "  demo practice \"%s\" was flagged\n", str(p, "title"));
			json_decref(again);
			json_decref(req(authors[a], "POST", fmt("/api/v1/practices/%lld/retire", copy), "{}", 200));
			free(tags_json);
			json_decref(p);
			checked++;
		}
		json_decref(list);
	}
	/* The demo publishes four practices: three by Kestrel, one by Harbor. */
	CHECK(checked >= 4);
}

/* ---- the attack review (issue 16): what an author of 200 answers got through ---- */

/* Publishing a draft with this body is refused with a finding of this kind about customer; the span is checked when given. */
static void refused(const char *title, const char *body, long long customer, const char *kind, const char *span)
{
	long long p = draft(KE_LEAD, W->E1, title, body, NULL);
	json_t *j = req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 422), *f;
	bool found = false;
	size_t i;

	json_array_foreach(findings_of(j), i, f) found |= num(f, "customer_org_id") == customer && !strcmp(str(f, "kind"), kind) &&
							 (!span || !strcmp(str(f, "term"), span));
	if (!found) {
		fprintf(stderr, "  \"%s\": no %s finding \"%s\" about %lld\n", body, kind, span ? span : "*", customer);
		print_findings(findings_of(j));
	}
	CHECK(found);
	json_decref(j);
}

static void test_attack_review(void)
{
	/* F1: a customer's distinctive word on its own; Kestrel's own name is no term. */
	refused("Zqreview 1", "We did this at Meridian last year.", W->MD, "organisation", "Meridian");
	refused("Zqreview 2", "MERIDIAN and Northwind both use it.", W->MD, "organisation", "MERIDIAN");
	refused("Zqreview 3", "MERIDIAN and Northwind both use it.", W->NW, "organisation", "Northwind");
	{
		long long p = draft(KE_LEAD, W->E1, "Zqreview own name", "Kestrel ran this for a customer in two waves.", NULL);

		json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 200));
		json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/retire", p), "{}", 200));
	}
	/* F2: a capital I for a lower-case l, and the other way round in capitals. */
	refused("Zqreview 4", "At Meridian RetaiI we ran it.", W->MD, "organisation", "Meridian RetaiI");
	refused("Zqreview 5", "At MERIDIAN RETAlL we ran it.", W->MD, "organisation", "MERIDIAN RETAlL");
	/* F5: a middle name or initial, surname then initial, first name then the surname's initial. */
	refused("Zqreview 6", "David J. Ross led it.", W->MD, "person", "David J. Ross");
	refused("Zqreview 7", "David James Ross led it.", W->MD, "person", "David James Ross");
	refused("Zqreview 8", "Ross D. led it.", W->MD, "person", "Ross D");
	refused("Zqreview 9", "Diallo A. reviewed.", W->MD, "person", "Diallo A");
	refused("Zqreview 10", "Priya N. reviewed.", W->MD, "person", "Priya N");
	/* F6: percent-encoded link addresses, read as the browser shows them. */
	refused("Zqreview 11", "See [x](https://meri%64ian.example/).", W->MD, "domain", "meridian.example");
	refused("Zqreview 12", "See [x](https://example.org/?c=Meridian%20Retail).", W->MD, "organisation", "Meridian Retail");
	refused("Zqreview 13", "See <https://meri%64ian.example/>.", W->MD, "organisation", "meridian");
}

/* A customer whose name shares a word with the provider's ("Zq Kestrel Foods" of Kestrel IT Services): that word is not a term, the customer's whole name is. */
static void test_provider_own_name(void)
{
	json_t *j = req(ADMIN, "POST", "/api/v1/orgs", "{\"name\":\"Zq Kestrel Foods\",\"kind\":\"buyer\",\"industry\":\"Food\"}", 201);
	long long org = num(j, "id"), engagement, p;
	char *tok;

	json_decref(j);
	json_decref(req(ADMIN, "POST", fmt("/api/v1/orgs/%lld/users", org),
			"{\"email\":\"cm@zqkf.example\",\"name\":\"Rowan Quill\",\"roles\":[\"contract_manager\"],\"password\":\"heron-lantern-quarry-4\"}",
			201));
	tok = login(W->S, "cm@zqkf.example", "heron-lantern-quarry-4");
	CHECK(tok != NULL);
	if (!tok)
		return;
	{
		struct resp r;

		http(W->S, "POST", "/api/v1/engagements", tok,
		     fmt("{\"provider_org_id\":%lld,\"title\":\"Zq pantry systems\",\"service_line\":\"IT\",\"starts_on\":\"2026-12-01\",\"ends_on\":\"2028-11-30\"}",
			 W->KE),
		     NULL, NULL, &r);
		CHECK_INT(r.status, 201);
		engagement = num(r.json, "id");
		resp_free(&r);
	}
	/* A customer asking is a customer to the check (any state of the engagement). */
	p = draft(KE_LEAD, W->E1, "Zqown 1", "Kestrel ran this in two waves.", NULL);
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 200));
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/retire", p), "{}", 200));
	refused("Zqown 2", "Zq Kestrel Foods ran this in two waves.", org, "organisation", "Zq Kestrel Foods");
	refused("Zqown 3", "Rowan Quill ran this in two waves.", org, "person", "Rowan Quill");
	/* Declined, so that no later case sees a pending engagement of Kestrel's. */
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", engagement), "{\"accepted\":false}", 200));
	free(tok);
}

/* The CSRF token of the forms on a page read with who's token, into out. */
static bool page_csrf_of(const char *path, int who, char *out, size_t n)
{
	return page_csrf_get(W->S, path, W->tok[who], out, n);
}

/* F3: a buyer's chosen phrases count even when made of ordinary words; a single ordinary word is refused, in the API and on the page. */
static void test_confidential_phrases(void)
{
	const char *md_terms = fmt("/api/v1/orgs/%lld/confidential-terms", W->MD);
	json_t *before = req(MD_CM, "GET", md_terms, NULL, 200), *j;
	char csrf[64];
	long long p;
	struct resp r;

	/* The attacker's list: the single word refused, naming it, nothing saved. */
	j = req(MD_CM, "PUT", md_terms, "{\"terms\":[\"Digital Commerce Platform\",\"Retail Store Operations\",\"Store\"]}", 422);
	CHECK_STR(error_code(j), "too_common");
	CHECK_STR(error_field(j), "terms");
	CHECK(strstr(str(json_object_get(j, "error"), "message"), "\"Store\" is too common a word to protect on its own") != NULL);
	json_decref(j);
	j = req(MD_CM, "GET", md_terms, NULL, 200);
	CHECK(json_equal(json_object_get(j, "terms"), json_object_get(before, "terms")));
	json_decref(j);
	/* The same on the organisation page's form: the refusal beside the field, nothing saved. */
	if (page_csrf_of(fmt("/orgs/%lld", W->MD), MD_CM, csrf, sizeof csrf)) {
		http(W->S, "POST", fmt("/orgs/%lld/confidential-terms", W->MD), W->tok[MD_CM],
		     fmt("csrf=%s&terms=Digital+Commerce+Platform%%0D%%0AStore", csrf), "application/x-www-form-urlencoded", NULL, &r);
		CHECK_INT(r.status, 422);
		CHECK(r.body && strstr(r.body, "is too common a word to protect on its own") != NULL);
		resp_free(&r);
	} else {
		CHECK(false);
	}
	j = req(MD_CM, "GET", md_terms, NULL, 200);
	CHECK(json_equal(json_object_get(j, "terms"), json_object_get(before, "terms")));
	json_decref(j);

	/* The phrases alone are kept, and a text naming one of them is refused. */
	json_decref(req(MD_CM, "PUT", md_terms, "{\"terms\":[\"Digital Commerce Platform\",\"Retail Store Operations\"]}", 200));
	refused("Zqphrase 1", "Our Digital Commerce Platform work.", W->MD, "confidential", "Digital Commerce Platform");
	refused("Zqphrase 2", "The retail store operations team liked it.", W->MD, "confidential", "retail store operations");
	/* A text with the same words apart still publishes. */
	p = draft(KE_LEAD, W->E1, "Zqphrase 3", "Our digital team and the commerce platform team met every store.", NULL);
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 200));
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/retire", p), "{}", 200));

	terms_restore(md_terms, before);
	json_decref(before);
}

/* ---- organisation names that read alike ---- */

static void test_org_names(void)
{
	static const char *const alike[] = {
		"N\xd0\xberthwind Bank",       /* a Cyrillic о */
		"NorthwindBank",               /* another spacing */
		"North-wind  bank",            /* a hyphen, two spaces, another case */
		"\xce\x9dorthwind Bank",       /* a Greek capital Ν */
		"N\xc3\xb6rthwind B\xc3\xa1nk", /* accents */
		"KestreI IT Services",         /* the attack review: a capital I for the l */
		"Kestrel lT Services",         /* an l for the capital I */
		"Meridian RetaiI",             /* a capital I for the final l */
		"LUMEN CONSULTlNG",            /* an l for the I in capitals */
	};
	json_t *j;

	for (size_t i = 0; i < sizeof alike / sizeof alike[0]; i++) {
		char *name = quoted(alike[i]);

		j = req(ADMIN, "POST", "/api/v1/orgs", fmt("{\"name\":%s,\"kind\":\"buyer\"}", name), 422);
		CHECK_STR(error_code(j), "duplicate");
		CHECK_STR(error_field(j), "name");
		json_decref(j);
		free(name);
	}
	/* Trimmed and NFKC-normalised when kept. */
	j = req(ADMIN, "POST", "/api/v1/orgs", "{\"name\":\"  Zq Tidy Works  \",\"kind\":\"buyer\"}", 201);
	CHECK_STR(str(j, "name"), "Zq Tidy Works");
	json_decref(j);
	j = req(ADMIN, "POST", "/api/v1/orgs", "{\"name\":\"\xef\xbc\xba\xef\xbd\x91 Wide Works\",\"kind\":\"buyer\"}", 201);
	CHECK_STR(str(j, "name"), "Zq Wide Works");
	json_decref(j);
	/* Its look-alike is refused in turn, and a name that merely starts alike is not. */
	j = req(ADMIN, "POST", "/api/v1/orgs", "{\"name\":\"Zq T\xd1\x96\x64y Works\",\"kind\":\"provider\"}", 422);
	CHECK_STR(error_code(j), "duplicate");
	json_decref(j);
	json_decref(req(ADMIN, "POST", "/api/v1/orgs", "{\"name\":\"Zq Tidy Works Two\",\"kind\":\"buyer\"}", 201));
	/* Blank after trimming is no name. */
	j = req(ADMIN, "POST", "/api/v1/orgs", "{\"name\":\"   \",\"kind\":\"buyer\"}", 422);
	CHECK_STR(error_field(j), "name");
	json_decref(j);
}

void leak_cases_run(const struct world *w, int *passed, int *failed)
{
	json_t *j;

	W = w;
	j = req(NW_CM, "GET", fmt("/api/v1/orgs/%lld", w->NW), NULL, 200);
	snprintf(NW_NAME, sizeof NW_NAME, "%s", str(j, "name"));
	json_decref(j);
	j = req(MD_CM, "GET", fmt("/api/v1/orgs/%lld", w->MD), NULL, 200);
	snprintf(MD_NAME, sizeof MD_NAME, "%s", str(j, "name"));
	json_decref(j);
	j = req(NW_CM, "GET", "/api/v1/me", NULL, 200);
	snprintf(NW_PERSON, sizeof NW_PERSON, "%s", str(j, "name"));
	json_decref(j);

	RUN(test_second_customer);
	RUN(test_disguises);
	RUN(test_page_shows_findings);
	RUN(test_no_echo);
	RUN(test_origin_sees_only_itself);
	RUN(test_ordinary_texts_publish);
	RUN(test_attack_review);
	RUN(test_confidential_phrases);
	RUN(test_provider_own_name);
	RUN(test_demo_practices_pass);
	RUN(test_org_names);
	*passed += harness_passed;
	*failed += harness_failed;
}
