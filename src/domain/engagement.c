/* engagement: enumerations, the default governance split and the term and mode rules. */
#include "engagement.h"

#include <string.h>

#include "names.h"
#include "org.h"

static const char *const service_names[SERVICE__MAX] = {"IT", "ITES", "BPO"};
static const char *const mode_names[MODE__MAX] = {"vendor", "partnership"};
static const char *const lead_names[LEAD__MAX] = {"buyer", "provider", "joint"};
static const char *const layer_names[GOV__MAX] = {"strategic", "tactical", "operations"};

const char *service_line_name(enum service_line s)
{
	return (unsigned)s < SERVICE__MAX ? service_names[s] : "?";
}

int service_line_parse(const char *s)
{
	return names_lookup(service_names, SERVICE__MAX, s);
}

const char *engagement_mode_name(enum engagement_mode m)
{
	return (unsigned)m < MODE__MAX ? mode_names[m] : "?";
}

int engagement_mode_parse(const char *s)
{
	return names_lookup(mode_names, MODE__MAX, s);
}

const char *gov_lead_name(enum gov_lead l)
{
	return (unsigned)l < LEAD__MAX ? lead_names[l] : "?";
}

int gov_lead_parse(const char *s)
{
	return names_lookup(lead_names, LEAD__MAX, s);
}

const char *gov_layer_name(enum gov_layer l)
{
	return (unsigned)l < GOV__MAX ? layer_names[l] : "?";
}

struct governance governance_default(void)
{
	struct governance g;

	g.lead[GOV_STRATEGIC] = LEAD_BUYER;
	g.lead[GOV_TACTICAL] = LEAD_BUYER;
	g.lead[GOV_OPERATIONS] = LEAD_PROVIDER;
	return g;
}

bool engagement_term_check(struct date starts, struct date ends, struct error *err)
{
	if (date_compare(ends, starts) < 0) {
		error_set(err, 422, "invalid", "ends_on", "the term must not end before it starts");
		return false;
	}
	return true;
}

bool engagement_mode_change_check(enum engagement_mode from, enum engagement_mode to,
				  const char *reason, struct error *err)
{
	if (from == to) {
		error_set(err, 409, "conflict", "mode", "the engagement is already in %s mode",
			  engagement_mode_name(to));
		return false;
	}
	/* Every move is a decision someone must be able to explain later, either way. */
	if (text_is_blank(reason) ||
	    strlen(reason) > MODE_REASON_MAX || !text_is_utf8(reason, strlen(reason))) {
		error_set(err, 422, "required", "reason",
			  to == MODE_VENDOR ? "a reason is required to move back to vendor mode"
					    : "a reason is required to move to partnership");
		return false;
	}
	return true;
}
