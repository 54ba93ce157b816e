/* engagement: the rules of an outsourcing engagement — service lines, modes, governance split, term. */
#ifndef ACCORD_ENGAGEMENT_H
#define ACCORD_ENGAGEMENT_H

#include <stdbool.h>

#include "date.h"
#include "error.h"

enum service_line { SERVICE_IT, SERVICE_ITES, SERVICE_BPO, SERVICE__MAX };
enum engagement_mode { MODE_VENDOR, MODE_PARTNERSHIP, MODE__MAX };
/* Who leads a layer of governance. */
enum gov_lead { LEAD_BUYER, LEAD_PROVIDER, LEAD_JOINT, LEAD__MAX };
/* The three layers of governance of an outsourcing relationship. */
enum gov_layer { GOV_STRATEGIC, GOV_TACTICAL, GOV_OPERATIONS, GOV__MAX };

struct governance {
	enum gov_lead lead[GOV__MAX];
};

#define ENGAGEMENT_TITLE_MAX 160
#define MODE_REASON_MAX 2000

const char *service_line_name(enum service_line s);
int service_line_parse(const char *s);
const char *engagement_mode_name(enum engagement_mode m);
int engagement_mode_parse(const char *s);
const char *gov_lead_name(enum gov_lead l);
int gov_lead_parse(const char *s);
const char *gov_layer_name(enum gov_layer l);

/* The provider-vendor arrangement: buyer leads strategy and tactics, provider runs operations. */
struct governance governance_default(void);

/* The term must start on or before it ends; names "ends_on" when it does not. */
bool engagement_term_check(struct date starts, struct date ends, struct error *err);

/*
 * A mode change must change something: moving to the mode the engagement is already in
 * is a 409 conflict; a reason is required either way.
 */
bool engagement_mode_change_check(enum engagement_mode from, enum engagement_mode to,
				  const char *reason, struct error *err);

#endif
