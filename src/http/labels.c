/* labels: the words people read for the names the API and its forms use (held_on → "Date held"), in one table for every page. */
#include <string.h>

#include "../domain/org.h"
#include "pages.h"

struct label {
	const char *name;
	const char *text;
};

/* One row per field name a form posts; a name not listed reads as itself with spaces for underscores. */
static const struct label labels[] = {
	{"accepted", "Decision"},
	{"agenda", "Agenda"},
	{"amount", "Amount"},
	{"answers", "Answers"},
	{"attendees", "Attendees"},
	{"bid_deadline", "Bid deadline"},
	{"bid_id", "Bid"},
	/* roadmaps (issue 18) */
	{"action", "Action"},
	{"close_bidding", "Close bidding now"},
	{"description", "Description"},
	{"rationale", "Rationale"},
	{"body", "Text"},
	{"budget", "Budget"},
	{"cadence", "Cadence"},
	{"cancel_reason", "Reason for cancelling"},
	{"cio_user_id", "Unit CIO"},
	{"comment", "Comment"},
	{"contract_manager_id", "Contract manager"},
	/* contracts and obligations (issue 17) */
	{"contract_value", "Contract value"},
	{"monthly_charge", "Monthly charge"},
	{"currency", "Currency"},
	{"notice_days", "Notice days"},
	{"renewal", "Renewal"},
	{"expiring_within", "Expiring within (days)"},
	{"owed_by", "Owed by"},
	{"recurrence", "Recurrence"},
	{"evidence", "Evidence"},
	{"create_engagement", "Create an engagement"},
	{"current_password", "Current password"},
	{"decision", "Decision"},
	{"decisions", "Decisions"},
	{"due_on", "Due date"},
	{"email", "E-mail address"},
	{"ends_on", "End date"},
	{"engagement_id", "Engagement"},
	{"fiscal_year", "Fiscal year"},
	{"governance.operations", "Operations"},
	{"governance.strategic", "Strategic management"},
	{"governance.tactical", "Tactical management"},
	{"grace_days", "Grace days"},
	{"held_on", "Date held"},
	{"industry", "Industry"},
	{"kind", "Kind"},
	{"minutes", "Minutes"},
	{"mode", "Mode"},
	{"name", "Name"},
	{"new_password", "New password"},
	{"note", "Note"},
	{"open_for_bids", "Open for bids"},
	{"org_id", "Organisation"},
	{"org_ids", "Organisations"},
	{"origin_engagement_id", "Engagement it comes from"},
	{"owner_id", "Owner"},
	{"password", "Password"},
	{"period", "Period"},
	{"practice_id", "Practice"},
	{"present", "Present"},
	{"presenter_org_id", "Presenting organisation"},
	{"proposal", "Proposal"},
	{"provider_org_id", "Provider"},
	{"q", "Search"},
	{"rating", "Rating"},
	{"reason", "Reason"},
	{"request_approval", "Ask the customer's approval"},
	{"required_roles", "Roles that must attend"},
	{"response_id", "Response answered"},
	{"review_id", "Business review"},
	{"revision", "Revision"},
	{"roadmap_id", "Roadmap"},
	{"roles", "Roles"},
	{"service_line", "Service line"},
	{"starts_on", "Start date"},
	{"status", "Status"},
	{"summit_id", "Summit"},
	{"tags", "Tags"},
	{"terms", "Confidential terms"},
	{"text", "Text"},
	{"title", "Title"},
	{"unit", "Unit"},
	{"unit_id", "Business unit"},
	{"user", "Person"},
	{"user_id", "Person"},
	{"value", "Value"},
	{"venue", "Venue"},
	/* KPIs and their measurements (issue 17) */
	{"answer", "Answer"},
	{"credit_percent", "Service credit (% of the monthly charge)"},
	{"csv", "CSV rows"},
	{"file", "File"},
	{"direction", "Better when"},
	{"frequency", "Measured"},
	{"target", "Target"},
	{"template", "Template"},
	{"threshold", "Threshold"},
	{"weight", "Weight"},
	{NULL, NULL},
};

const char *field_label(const char *name)
{
	for (const struct label *l = labels; name && l->name; l++)
		if (!strcmp(l->name, name))
			return l->text;
	return NULL;
}

/* Writes one snake_case word as people read it: a field's label, a role's name, else its words spaced. */
static void human_word(struct buf *b, const char *w, size_t n, bool first)
{
	char word[64];
	const char *label;
	int role;

	if (n >= sizeof word) {
		html_textn(b, w, n);
		return;
	}
	memcpy(word, w, n);
	word[n] = '\0';
	label = field_label(word);
	role = label ? -1 : role_parse(word);
	if (role >= 0)
		label = role_label((enum role)role);
	if (label) {
		/* A label starts a sentence capitalised and reads in lower case inside one ("Due date" / "the due date"). */
		if (!first && role < 0 && label[0] >= 'A' && label[0] <= 'Z')
			buf_putc(b, (char)(label[0] | 0x20));
		else
			buf_putc(b, label[0]);
		html_text(b, label + 1);
		return;
	}
	/* Only [a-z0-9_] reach here: nothing to escape. */
	for (size_t i = 0; i < n; i++)
		buf_putc(b, word[i] == '_' ? ' ' : word[i]);
}

void human_words(struct buf *b, const char *message)
{
	const char *p = message;

	while (p && *p) {
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");

		/* Only words that look like names (with an underscore) are translated; prose stays as written. */
		if (n && memchr(p, '_', n) && (p == message || !strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/.", p[-1]))) {
			human_word(b, p, n, p == message);
			p += n;
			continue;
		}
		if (!n)
			n = strcspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");
		html_textn(b, p, n);
		p += n;
	}
}
