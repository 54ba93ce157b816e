/* zz_people_shim: TEMPORARY stand-ins for the lead's forms infrastructure, removed when it lands. */
#ifndef ZZ_PEOPLE_SHIM_H
#define ZZ_PEOPLE_SHIM_H
#include "html.h"
#include "http.h"
#define FORM_ANCHOR "#form-errors"
void form_pick(struct buf *b, const char *label, const char *name, json_t *options, const char *selected, bool optional,
	       const struct error *err);
bool form_confirm(struct request *rq, struct response *rs, const char *title, const char *what, const char *button,
		  const char *cancel_href);
void page_saved(struct request *rq, struct response *rs, const char *location, const char *message);
#endif
