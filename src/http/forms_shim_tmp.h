/* TEMPORARY stand-in for the lead's forms infrastructure, until it lands on main (not to be merged). */
#ifndef ACCORD_FORMS_SHIM_TMP_H
#define ACCORD_FORMS_SHIM_TMP_H
#include <jansson.h>
#include <stdbool.h>
#include "html.h"
#include "http.h"
#define FORM_ANCHOR "#form-errors"
void page_saved(struct request *rq, struct response *rs, const char *url, const char *message);
void form_pick(struct buf *b, const char *label, const char *name, json_t *options, const char *selected, bool optional,
	       const struct error *err);
bool form_confirmed(struct request *rq);
bool form_confirm(struct request *rq, struct response *rs, const char *title, const char *what, const char *button,
		  const char *cancel);
void confirm_begin(struct request *rq, struct response *rs, const char *title);
void confirm_end(struct request *rq, struct response *rs, const char *button, const char *cancel);
#endif
