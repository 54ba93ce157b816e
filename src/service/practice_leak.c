/* practice_leak: the leak check on a practice's text against every customer of its provider (docs/practices.md, "Leak check"). */
#include "practice_leak.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/leak.h"
#include "../util/grow.h"
#include "markdown.h"

/* The terms of every customer, with their kind and customer. */
struct terms {
	struct leak_term *t;
	char **text, **kind;
	long long *customer;
	size_t n, cap[4];
	const char *own_words; /* the distinctive words of the provider's own name, one a line: never a term */
};

static int terms_add(struct terms *t, const char *kind, const char *text, long long customer)
{
	if (grow((void **)&t->t, &t->cap[0], t->n, sizeof *t->t) || grow((void **)&t->text, &t->cap[1], t->n, sizeof *t->text) ||
	    grow((void **)&t->kind, &t->cap[2], t->n, sizeof *t->kind) ||
	    grow((void **)&t->customer, &t->cap[3], t->n, sizeof *t->customer))
		return -1;
	t->text[t->n] = strdup(text);
	t->kind[t->n] = strdup(kind);
	if (!t->text[t->n] || !t->kind[t->n]) {
		free(t->text[t->n]);
		free(t->kind[t->n]);
		return -1;
	}
	t->customer[t->n] = customer;
	t->t[t->n] = (struct leak_term){t->text[t->n], 0};
	if (!strcmp(kind, "person"))
		t->t[t->n].how = LEAK_PERSON;
	else if (!strcmp(kind, "confidential"))
		t->t[t->n].how = LEAK_CHOSEN; /* the buyer's choice: counts even when made of ordinary words */
	t->n++;
	return 0;
}

static void terms_free(struct terms *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->text[i]);
		free(t->kind[i]);
	}
	free(t->t);
	free(t->text);
	free(t->kind);
	free(t->customer);
	memset(t, 0, sizeof *t);
}

/* Whether the customer already has this term of this kind (e-mail domains repeat once per person). */
static bool terms_have(const struct terms *t, const char *kind, const char *text, long long customer)
{
	for (size_t i = t->n; i-- > 0;)
		if (t->customer[i] == customer && !strcmp(t->kind[i], kind) && !strcmp(t->text[i], text))
			return true;
	return false;
}

/* Whether word reads as one of the distinctive words of the provider's own name (lines of own). */
static bool own_word(const char *own, const char *word)
{
	bool same = false;

	for (const char *w = own, *nl; !same && w && (nl = strchr(w, '\n')); w = nl + 1) {
		char *one = strndup(w, (size_t)(nl - w));

		same = one && leak_same_name(one, word);
		free(one);
	}
	return same;
}

/*
 * A customer's name also gives each of its distinctive words ("Meridian" of "Meridian
 * Retail") as a term of kind organisation — except a word of the provider's own name
 * ("Kestrel" of a customer "Kestrel Foods" for Kestrel IT Services), which every practice
 * shows anyway.
 */
static int name_words_add(struct terms *t, const char *name, long long customer)
{
	struct buf words;
	int rc = 0;

	buf_init(&words, 0);
	if (leak_name_words(name, &words) == 0 && words.data)
		for (char *w = words.data, *nl; !rc && (nl = strchr(w, '\n')); w = nl + 1) {
			*nl = '\0';
			if (!own_word(t->own_words, w) && !terms_have(t, "organisation", w, customer))
				rc = terms_add(t, "organisation", w, customer);
		}
	buf_release(&words);
	return rc;
}

/* ORG_GET's row: the provider's name, as its distinctive words. */
static int own_name_row(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	leak_name_words(c[1].s, ctx);
	return 0;
}

/* One row of LEAK_TERMS; an organisation's name also gives its distinctive words, an e-mail address its domain, unless a public mail service's. */
static int leak_term_row(void *ctx, const struct sqlval *c, int n)
{
	struct terms *t = ctx;
	const char *at;

	(void)n;
	if (!c[1].s || !*c[1].s)
		return 0;
	if (terms_add(t, c[0].s, c[1].s, c[2].i))
		return 1;
	if (!strcmp(c[0].s, "organisation") && name_words_add(t, c[1].s, c[2].i))
		return 1;
	if (!strcmp(c[0].s, "email") && (at = strrchr(c[1].s, '@')) && at[1]) {
		char domain[256];
		size_t i;

		for (i = 0; at[1 + i] && i + 1 < sizeof domain; i++)
			domain[i] = (char)(at[1 + i] >= 'A' && at[1 + i] <= 'Z' ? at[1 + i] - 'A' + 'a' : at[1 + i]);
		domain[i] = '\0';
		if (!leak_public_mail_domain(domain) && !terms_have(t, "domain", domain, c[2].i) &&
		    terms_add(t, "domain", domain, c[2].i))
			return 1;
	}
	return 0;
}

static bool finding_listed(json_t *out, const char *term, const char *field, const char *kind, long long customer)
{
	size_t i;
	json_t *x;

	json_array_foreach(out, i, x) if (!strcmp(json_string_value(json_object_get(x, "term")), term) &&
					  !strcmp(json_string_value(json_object_get(x, "field")), field) &&
					  !strcmp(json_string_value(json_object_get(x, "kind")), kind) &&
					  json_integer_value(json_object_get(x, "customer_org_id")) == customer) return true;
	return false;
}

/*
 * One query loads every customer's terms (no query per customer). On the demo, Kestrel's
 * three engagements with two customers give 34 rows, 38 terms with the two mail domains
 * and the two names' distinctive words ("Northwind", "Meridian"); a demo practice of a
 * few hundred bytes is checked in well under a millisecond, and the
 * largest body (64 KiB) against 120 terms in about 20 ms (ASCII) to 40 ms (non-Latin
 * text, read a second time for its capitals) on the test machine.
 */
json_t *practice_leak_findings(struct store *s, long long provider, const char *title, const char *body,
			       const char *tags)
{
	struct terms t = {0};
	struct sqlval a[2] = {SQL_I(provider), SQL_I(provider)};
	struct buf read, own;
	json_t *out = json_array();
	/* The body is read as a reader sees it first, so its span is the one shown; then as typed (the API returns it too). */
	static const char *const names[4] = {"title", "tags", "body", "body"};
	const char *fields[4];
	struct leak_finding *found = NULL;
	bool *seen = NULL; /* per term: found in the rendered body already */
	size_t max, nfound;

	buf_init(&read, 0);
	buf_init(&own, 0);
	markdown_text(&read, body);
	store_exec(s, STMT_ORG_GET, a, 1, own_name_row, &own, NULL);
	t.own_words = own.data;
	store_exec(s, STMT_LEAK_TERMS, a, 2, leak_term_row, &t, NULL);
	fields[0] = title;
	fields[1] = tags ? tags : "";
	fields[2] = read.data;
	fields[3] = body;
	max = t.n * 4 + 1;
	found = calloc(max, sizeof *found);
	seen = calloc(t.n + 1, sizeof *seen);
	if (found && seen) {
		nfound = leak_check(fields, 4, t.t, t.n, found, max);
		for (size_t i = 0; i < nfound && i < max; i++) {
			const struct leak_finding *f = &found[i];
			const char *src = fields[f->field];
			json_t *span = json_stringn(src + f->start, f->end - f->start);

			if (f->field == 2)
				seen[f->term] = true;
			if (!span || (f->field == 3 && seen[f->term]) ||
			    finding_listed(out, json_string_value(span), names[f->field], t.kind[f->term], t.customer[f->term])) {
				json_decref(span);
				continue;
			}
			json_array_append_new(out, json_pack("{s:o, s:s, s:s, s:I}", "term", span, "field", names[f->field], "kind",
							     t.kind[f->term], "customer_org_id", t.customer[f->term]));
		}
	}
	free(found);
	free(seen);
	buf_release(&read);
	buf_release(&own);
	terms_free(&t);
	return out;
}

static bool about(json_t *finding, long long buyer)
{
	json_t *c = json_object_get(finding, "customer_org_id");

	/* Findings recorded before every customer was checked were all about the origin. */
	return !c || json_integer_value(c) == buyer;
}

size_t practice_leak_others(json_t *findings, long long buyer)
{
	size_t i, n = 0;
	json_t *x;

	json_array_foreach(findings, i, x) n += !about(x, buyer);
	return n;
}

json_t *practice_leak_about(json_t *findings, long long buyer)
{
	json_t *out = json_array(), *x;
	size_t i;

	json_array_foreach(findings, i, x) if (about(x, buyer)) json_array_append(out, x);
	return out;
}
